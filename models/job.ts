import { Schema, model, type InferSchemaType } from 'mongoose';
import { EARLIEST_DUE } from './due-by';

/**
 * Work that must happen later (an update request, a reminder, an escalation). Persisted so that a
 * restart neither loses nor repeats it: the `_id` names the work ("reminder-5:<cycle>:<owner>"),
 * and what a job produces is keyed by that `_id`, so running it twice produces nothing new.
 */
const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    // Never earlier: the scheduler's read of what is due relies on it (models/due-by.ts).
    at: { type: Date, required: true, min: EARLIEST_DUE },
    payload: { type: Schema.Types.Mixed, default: {} },
    state: { type: String, enum: ['due', 'done'], default: 'due' },
    // Runs begun; each is claimed as "<_id>#<attempts>" (models/claim.ts), so one instance runs it.
    attempts: { type: Number, default: 0 },
    doneAt: Date,
    outcome: String,
  },
  { versionKey: false, minimize: false },
);
jobSchema.index({ state: 1, at: 1 });

export type JobDoc = InferSchemaType<typeof jobSchema>;
export const Job = model('Job', jobSchema);
