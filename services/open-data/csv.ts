import { toCsv, type Cell } from '../exports/table';
import type { OpenDataPlan } from './model';

/**
 * The columns of the CSV, in order. Their meaning is the JSON field of the same name
 * (docs/open-data.schema.json); `owner_job_title` is empty unless the plan publishes job titles.
 */
export const OPEN_DATA_CSV_COLUMNS = [
  'plan_id',
  'organisation',
  'aim_id',
  'aim_code',
  'aim_title',
  'priority_id',
  'priority_code',
  'priority_title',
  'target_id',
  'pi_codes',
  'target',
  'kind',
  'unit',
  'per',
  'polarity',
  'baseline_label',
  'baseline',
  'interim_label',
  'interim',
  'final_label',
  'final',
  'due',
  'owner_job_title',
  'confirmed_value',
  'confirmed_figure',
  'as_of',
  'rag',
  'rag_reason',
  'trend',
] as const;

/**
 * The plan's open data as CSV: one row per target, with its aim and priority on the row; a
 * priority with no targets gets a row of its own with the target columns empty, so every priority
 * is there. UTF-8 with a byte-order mark, CRLF line ends, cells a spreadsheet would run as a
 * formula neutralised (services/exports/table.ts `toCsv`).
 */
export function openDataCsv(data: OpenDataPlan): string {
  const rows: Cell[][] = [];
  for (const aim of data.aims) {
    for (const priority of aim.priorities) {
      const head: Cell[] = [
        data.plan.id,
        data.plan.organisation,
        aim.id,
        aim.code,
        aim.title,
        priority.id,
        priority.code,
        priority.title,
      ];
      if (!priority.targets.length)
        rows.push([...head, ...Array<Cell>(OPEN_DATA_CSV_COLUMNS.length - head.length).fill(null)]);
      for (const t of priority.targets) {
        const c = t.latestConfirmed;
        rows.push([
          ...head,
          t.id,
          t.piCodes.join('; '),
          t.text,
          t.kind,
          t.unit,
          t.per,
          t.polarity,
          t.baseline?.label ?? null,
          t.baseline?.text ?? null,
          t.interim?.label ?? null,
          t.interim?.text ?? null,
          t.final?.label ?? null,
          t.final?.text ?? null,
          t.due,
          t.owner ?? null,
          c?.value ?? null,
          c?.text ?? null,
          c?.asOf ?? null,
          c?.rag ?? null,
          t.ragReason,
          c?.trend ?? null,
        ]);
      }
    }
  }
  return toCsv({ sheet: data.plan.id, columns: [...OPEN_DATA_CSV_COLUMNS], rows });
}
