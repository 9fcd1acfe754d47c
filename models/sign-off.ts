import { Schema, model, type InferSchemaType } from 'mongoose';
import { appendOnly } from './append-only';
import { CHANNELS } from './rag';

/**
 * What happened to an update in its plan's sign-off chain (services/sign-off/*). Append-only, one
 * row per update and step, `_id` `${update}|${step}`, so a double-clicked approval counts once:
 * - step 0, `submitted`: the update entered the chain; `steps` freezes how long the chain was then,
 *   so editing the plan's chain later does not move figures already on their way;
 * - step 1…n, `approved` or `returned` (with the comment): the decision at that step.
 * An update with no step-0 row never needed sign-off (a plan with no chain, or a plan-file import
 * of a confirmed figure): it counted at once.
 */
const signOffSchema = new Schema(
  {
    _id: { type: String, required: true },
    update: { type: String, required: true },
    plan: { type: String, required: true },
    /** The target's `_id` (`plan:key`). */
    target: { type: String, required: true },
    cycle: String,
    step: { type: Number, required: true, min: 0 },
    decision: { type: String, enum: ['submitted', 'approved', 'returned'], required: true },
    /** Step 0: how many steps the chain had when the update entered it. */
    steps: Number,
    comment: String,
    by: { type: String, required: true },
    at: { type: Date, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
  },
  { versionKey: false },
);
signOffSchema.index({ update: 1 });
signOffSchema.index({ target: 1, cycle: 1 });
appendOnly(signOffSchema, 'The sign-off record');

export type SignOffDoc = InferSchemaType<typeof signOffSchema>;
export const SignOff = model('SignOff', signOffSchema);
