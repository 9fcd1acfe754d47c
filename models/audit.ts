import { Schema, model, type InferSchemaType } from 'mongoose';
import { appendOnly } from './append-only';

/** Who changed what, when, through which channel, and the value before and after. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    channel: { type: String, required: true },
    action: { type: String, enum: ['create', 'change', 'remove'], required: true },
    entity: { type: String, required: true }, // collection name
    entityId: { type: String, required: true },
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
  },
  { versionKey: false },
);
auditSchema.index({ entity: 1, entityId: 1, at: 1 });
appendOnly(auditSchema, 'The audit log');

export type AuditDoc = InferSchemaType<typeof auditSchema>;
export const Audit = model('Audit', auditSchema);
