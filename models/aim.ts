import { Schema, model, type InferSchemaType } from 'mongoose';

/** The top tier of a plan: a strategic aim (Leicester), theme (York) or business outcome (Leeds). */
const aimSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${plan}:${key}`
    plan: { type: String, required: true },
    key: { type: String, required: true },
    code: String,
    title: { type: String, required: [true, 'An aim needs a title'] },
    description: String,
    aliases: { type: [String], default: [] },
    /**
     * Items of this or another plan this one contributes to, as the file wrote them:
     * "<plan id>:<key>" or "<key>" for this plan (services/plan/links.ts reads them).
     */
    contributesTo: { type: [String], default: [] },
    order: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);
aimSchema.index({ plan: 1, order: 1 });

export type AimDoc = InferSchemaType<typeof aimSchema>;
export const Aim = model('Aim', aimSchema);
