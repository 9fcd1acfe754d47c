import { Schema, model, type InferSchemaType } from 'mongoose';
import { appendOnly } from './append-only';

/**
 * Where a change came from: a person in Teams or Slack, the command line (`npm run cycle`,
 * `npm run plan`), or a plan file import (the demo loader included). Rows written before channels
 * were named say `chat`; they are still read.
 */
export const AUDIT_CHANNELS = ['teams', 'slack', 'cli', 'import'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/**
 * What kind of change a row records, for rows written by the services (an import's rows carry
 * none: their entity and action say it). `rag-override` is written beside an `update` whose RAG is
 * not the one the bot suggested, so overrides can be found and read on their own.
 */
export const AUDIT_EVENTS = [
  'update',
  'rag-override',
  'assign',
  'leave',
  'cycle-open',
  'cycle-close',
  'sign-off',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** Who changed what, when, through which channel, and the value before and after. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true }, // a person's work email, or the importer's name
    channel: { type: String, enum: [...AUDIT_CHANNELS], required: true },
    action: { type: String, enum: ['create', 'change', 'remove'], required: true },
    entity: { type: String, required: true }, // collection name: targets, people, cycles, …
    entityId: { type: String, required: true },
    /** The plan the change belongs to; absent on rows about people (leave is not per plan). */
    plan: String,
    event: { type: String, enum: [...AUDIT_EVENTS] },
    /** The change in words, as the audit trail shows it: "Owner of ED.1/1: a@x → b@y". */
    summary: String,
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
  },
  { versionKey: false },
);
// On MongoDB these serve "changes to ED.1" and "audit since …". The embedded FerretDB pushes down
// only a lone `_id` filter (docs/design.md), so there both are scans of the collection: the audit
// is read rarely, by the policy team, and its reads are capped (services/audit/read.ts).
auditSchema.index({ entityId: 1, at: -1 });
auditSchema.index({ at: -1 });
appendOnly(auditSchema, 'The audit log');

export type AuditDoc = InferSchemaType<typeof auditSchema>;
export const Audit = model('Audit', auditSchema);
