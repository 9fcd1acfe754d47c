import { DateTime } from 'luxon';
import { LONDON } from '../cycle/working-days';
import { toCsv, type Table } from '../exports/table';
import { entityLabel } from './describe';
import { changeText, peopleOf, plansOf, readAudit } from './read';
import { channelName } from './trail';

export const AUDIT_COLUMNS = [
  'At (UTC)',
  'When (London)',
  'By',
  'Name',
  'Channel',
  'Action',
  'Entity',
  'Id',
  'Plan',
  'Change',
  'Before',
  'After',
];

export class AuditExportError extends Error {}

/**
 * The audit trail as a table, oldest first: every row at or after `since` (a yyyy-mm-dd London
 * day) and, with `plan`, only the rows about that plan (a person's rows — leave — count for every
 * plan that lists them). Before and after are the stored values as JSON, for anyone checking.
 * Throws AuditExportError for a `since` that is not a date.
 */
export async function auditTable(options: { since?: string; plan?: string } = {}): Promise<Table> {
  let since: Date | undefined;
  if (options.since !== undefined) {
    const day = DateTime.fromISO(options.since, { zone: LONDON });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || !day.isValid)
      throw new AuditExportError(`--since must be a date written yyyy-mm-dd, not "${options.since}".`);
    since = day.toJSDate();
  }
  const all = await readAudit({ since });
  const people = await peopleOf([
    ...all.map((r) => r.by),
    ...all.filter((r) => r.entity === 'people').map((r) => r.entityId),
  ]);
  const rows = options.plan ? all.filter((r) => plansOf(r, people.plans).includes(options.plan ?? '')) : all;
  return {
    sheet: 'Audit',
    columns: AUDIT_COLUMNS,
    rows: rows.map((r) => {
      const at = new Date(r.at);
      return [
        at.toISOString(),
        DateTime.fromJSDate(at).setZone(LONDON).toFormat('dd/MM/yyyy HH:mm'),
        r.by,
        people.names.get(r.by) ?? '',
        channelName(r.channel),
        r.action,
        r.entity,
        entityLabel(r.entity, r.entityId),
        plansOf(r, people.plans).join(', '),
        changeText(r),
        json(r.before),
        json(r.after),
      ];
    }),
  };
}

/** The audit trail as CSV (UTF-8 with a byte-order mark, formulas neutralised: services/exports/table.ts). */
export async function auditCsv(
  options: { since?: string; plan?: string } = {},
): Promise<{ csv: string; rows: number }> {
  const table = await auditTable(options);
  return { csv: toCsv(table), rows: table.rows.length };
}

const json = (value: unknown): string => (value === undefined || value === null ? '' : JSON.stringify(value));
