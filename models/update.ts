import { Schema, model, type InferSchemaType } from 'mongoose';
import { appendOnly } from './append-only';
import { CHANNELS, RAGS } from './rag';

/** One reported figure for a target. Append-only; the target keeps a copy of its newest. */
const updateSchema = new Schema(
  {
    _id: { type: String, required: true },
    plan: { type: String, required: true },
    target: { type: String, required: true }, // target key within the plan
    value: {
      type: Number,
      validate: { validator: Number.isFinite, message: 'An actual value must be a finite number' },
    },
    text: String,
    asOf: { type: String, required: [true, 'An update needs its as-of date'] },
    rag: { type: String, enum: { values: RAGS, message: 'RAG must be red, amber or green' } },
    commentary: String,
    evidence: String,
    by: String,
    at: { type: Date, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    /** The monitoring cycle it answered, when it came through one. */
    cycle: String,
    /** The RAG the bot suggested, and why the person chose another. */
    suggestedRag: { type: String, enum: RAGS },
    overrideReason: String,
    /** What is being done to bring an Amber or Red target back on track (required for Red). */
    correctiveAction: String,
  },
  { versionKey: false },
);
updateSchema.index({ plan: 1, target: 1, at: 1 });
appendOnly(updateSchema, 'The update history');

export type UpdateDoc = InferSchemaType<typeof updateSchema>;
export const Update = model('Update', updateSchema);
