import { Schema, model, type InferSchemaType } from 'mongoose';
import { ITEM_STATUSES } from './rag';

/** The middle tier: a priority (Leicester), 3-year improvement (York), improvement priority (Leeds). */
const prioritySchema = new Schema(
  {
    _id: { type: String, required: true }, // `${plan}:${key}`
    plan: { type: String, required: true },
    key: { type: String, required: true },
    /** The code exactly as printed; absent for a row the plan printed without one. */
    code: String,
    aliases: { type: [String], default: [] },
    aim: { type: String, required: [true, 'A priority must belong to an aim'] },
    title: { type: String, required: [true, 'A priority needs a title'] },
    how: { type: [String], default: [] },
    supportedBy: { type: [String], default: [] },
    benefits: { type: [String], default: [] },
    /**
     * Items of this or another plan this one contributes to, as the file wrote them:
     * "<plan id>:<key>" or "<key>" for this plan (services/plan/links.ts reads them).
     */
    contributesTo: { type: [String], default: [] },
    /** `open` (absent), `complete` or `deleted`: a deleted item is kept and shown as deleted. */
    status: { type: String, enum: ITEM_STATUSES },
    /** Why it was completed or deleted (Melton prints a reason for each deletion). */
    statusNote: String,
    order: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);
prioritySchema.index({ plan: 1, order: 1 });
prioritySchema.index({ plan: 1, aim: 1 });

export type PriorityDoc = InferSchemaType<typeof prioritySchema>;
export const Priority = model('Priority', prioritySchema);
