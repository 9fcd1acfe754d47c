import { z } from 'zod';
import { Audit } from '../../models';
import { insertPlain } from '../../models/insert-plain';
import { AUDIT_CHANNELS, AUDIT_EVENTS } from '../../models/audit';
import { describeChange } from './describe';

const entry = z.object({
  at: z.date(),
  by: z.string().min(1),
  channel: z.enum(AUDIT_CHANNELS),
  action: z.enum(['create', 'change', 'remove']),
  entity: z.string().min(1),
  entityId: z.string().min(1),
  plan: z.string().min(1).optional(),
  event: z.enum(AUDIT_EVENTS).optional(),
  /** Written by the caller when it knows more than the row holds (a target's unit, say). */
  summary: z.string().min(1).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/** One change, as a service reports it to the audit trail. */
export type AuditEntry = z.input<typeof entry>;

/**
 * Writes changes to the append-only audit trail (`audits`), each with who (`by`: a work email),
 * when (`at`), through which channel (teams, slack, cli, import), the values before and after, and
 * the change in words (`summary`, from describeChange unless given). The one place services write
 * audit rows, so every row reads the same in chat and in the CSV export. A malformed entry throws
 * (a bug, not a user's mistake) before anything is written; nothing is written for an empty list.
 */
export async function recordAudit(entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const rows = auditRows(entries);
  if (!rows.length) return;
  // In batches: an import of a large plan audits tens of thousands of rows at once. The rows are
  // checked above, so mongoose does not make a document of each (models/insert-plain.ts).
  await insertPlain(Audit, rows, { batch: BATCH });
}

const BATCH = 1000;

/**
 * The rows recordAudit writes, checked and summarised, for a caller that writes them together with
 * other work (services/target-update/store.ts). Throws on a malformed entry, as recordAudit does.
 */
export function auditRows(entries: AuditEntry | readonly AuditEntry[]) {
  const list = (Array.isArray(entries) ? entries : [entries]) as readonly AuditEntry[];
  return list.map((e) => {
    const parsed = entry.parse(e);
    return { ...parsed, summary: parsed.summary ?? describeChange(parsed) };
  });
}
