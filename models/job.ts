import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Work that must happen later (an update request, a reminder, an escalation). Persisted so that a
 * restart neither loses nor repeats it: the `_id` names the work ("reminder-5:<cycle>:<owner>"),
 * and what a job produces is keyed by that `_id`, so running it twice produces nothing new.
 */
const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
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
