import { Schema, model, type InferSchemaType } from 'mongoose';

/** One target asked for in one cycle (`_id` "<cycle>|<target>"), and what was submitted for it. */
const cycleTargetSchema = new Schema(
  {
    _id: { type: String, required: true },
    cycle: { type: String, required: true },
    target: { type: String, required: true },
    owner: String,
    submitted: {
      type: new Schema(
        { update: String, by: String, at: Date, rag: String, channel: String },
        { _id: false },
      ),
    },
  },
  { versionKey: false },
);
cycleTargetSchema.index({ cycle: 1 });
// One owner's rows in a cycle (a reminder, an escalation): the embedded database reads through an
// index's leading fields (models/embedded/ferretdb/sqlite-index-pushdown.patch). `{cycle}` stays,
// so that a whole cycle's rows come back in the order they always did on MongoDB.
cycleTargetSchema.index({ cycle: 1, owner: 1 });

export type CycleTargetDoc = InferSchemaType<typeof cycleTargetSchema>;
export const CycleTarget = model('CycleTarget', cycleTargetSchema);
