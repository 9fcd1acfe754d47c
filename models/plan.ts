import { Schema, model, type InferSchemaType } from 'mongoose';

export const PLAN_STATUSES = ['draft', 'consultation', 'adopted'] as const;

const planSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: [true, 'A plan needs a title'], trim: true },
    organisation: { type: String, required: [true, 'A plan needs the name of its organisation'], trim: true },
    strapline: String,
    period: {
      label: { type: String, required: [true, 'A plan needs a period, such as 2003–2006'] },
      start: String,
      end: String,
    },
    status: {
      type: String,
      enum: { values: PLAN_STATUSES, message: 'Plan status must be draft, consultation or adopted' },
      required: true,
    },
    version: { type: Number, required: true, min: [1, 'Plan version starts at 1'] },
    source: String,
    purpose: String,
    vocabulary: { aim: String, priority: String, target: String },
    /** The Amber band for targets that set none, in percent of the expected value (default 5). */
    tolerance: Number,
    values: [{ _id: false, name: { type: String, required: true }, description: String }],
    /**
     * Bumped on every change to the plan's aims, priorities, targets or updates: chat reads come from
     * an in-memory snapshot that reloads when this number moves.
     */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

export type PlanDoc = InferSchemaType<typeof planSchema>;
export const Plan = model('Plan', planSchema);
