import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A monitoring cycle ("Q3 2026/27"): which targets are asked for, over which reporting period, and
 * when. The targets in scope are fixed when it opens, so later plan edits do not move the goalposts.
 */
const cycleSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${plan}:${slug}`
    plan: { type: String, required: true },
    name: { type: String, required: [true, 'A cycle needs a name, such as "Q3 2026/27"'] },
    scope: { type: String, required: true }, // "all", "aim <id>" or "targets" — for people to read
    // How many targets are in scope; which ones are the cycle's CycleTarget rows, so that reading
    // the cycle (on every submit) does not mean reading thousands of ids.
    targetCount: { type: Number, required: true },
    periodFrom: { type: String, required: true }, // earliest as-of date accepted
    opensOn: { type: String, required: true },
    dueOn: { type: String, required: true },
    remindDaysBefore: { type: [Number], default: [5, 1] },
    escalateDaysAfter: { type: Number, default: 1 },
    tolerance: { type: Number, default: 0.05 },
    /** The committee its report goes to ("Cabinet") and the day it meets (yyyy-mm-dd). */
    meeting: { type: new Schema({ name: String, on: String }, { _id: false }) },
    /** The day the report must be ready by (yyyy-mm-dd): every figure signed off before it. */
    reportDeadline: String,
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    closedOn: String,
    openedBy: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type CycleDoc = InferSchemaType<typeof cycleSchema>;
export const Cycle = model('Cycle', cycleSchema);
