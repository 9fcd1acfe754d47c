import type { Table } from '../exports/table';
import { GROUP_WORDS, RAG_GROUPS, type ReportModel } from './model';
import { travelWord } from './words';

/** The workbook's and CSV's columns, in order: one row per target. */
export const TARGET_COLUMNS = [
  'Aim',
  'Priority code',
  'Priority',
  'Target',
  'Target text',
  'PI codes',
  'Owner',
  'Baseline',
  'Expected',
  'Actual',
  'Value',
  'As of',
  'RAG',
  'RAG reason',
  'Direction of travel',
  'Trend',
  'Commentary',
  'Corrective action',
  'Figure status',
] as const;

/**
 * Every target of the report as a table (services/exports/table.ts writes it as .xlsx or .csv):
 * one row per target, the same figures, RAG and counts as the card and the Word document. `Value`
 * is the number as reported (empty when reported in words or not at all), `As of` yyyy-mm-dd.
 */
export function targetsTable(m: ReportModel): Table {
  return {
    sheet: m.draft ? 'Targets (DRAFT)' : 'Targets',
    pageHeader: m.draft ? `DRAFT — not confirmed figures — ${m.cycleName}` : undefined,
    columns: [...TARGET_COLUMNS],
    rows: m.rows.map((r) => [
      r.aim,
      r.code,
      r.priority,
      r.key,
      r.text,
      r.piCodes.join(', '),
      r.owner,
      r.baseline,
      r.expected,
      r.actual,
      r.value ?? null,
      r.asOf ?? '',
      GROUP_WORDS[r.group],
      r.reason,
      travelWord(r.travel).replace('—', ''),
      r.trend,
      r.commentary,
      r.correctiveAction,
      m.draft ? r.status : r.status && 'confirmed',
    ]),
  };
}

/** RAG by aim, with a total row: the counts the card and the document's summary show. */
export function countsTable(m: ReportModel): Table {
  return {
    sheet: m.draft ? 'RAG by aim (DRAFT)' : 'RAG by aim',
    pageHeader: m.draft ? `DRAFT — not confirmed figures — ${m.cycleName}` : undefined,
    columns: ['Aim', ...RAG_GROUPS.map((g) => GROUP_WORDS[g]), 'Total'],
    rows: [...m.aims, m.totals].map((c) => [c.name, ...RAG_GROUPS.map((g) => c[g]), c.total]),
  };
}
