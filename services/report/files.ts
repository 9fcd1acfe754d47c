import type { TargetEntry } from '../plan/snapshot';
import { historySeries, updatesOf } from '../answers/history';
import type { File } from '../files';
import { cycleById, loadReport } from './load';
import type { ReportModel } from './model';

/** Which figures a report's file shows: confirmed only (`final`) or the latest (`draft`). */
export type Variant = 'final' | 'draft';
export type ReportFile = 'report.docx' | 'report.xlsx' | 'report.csv' | 'rag-by-aim.png';

/**
 * How many exceptions get a chart in the Word document (Red first): a chart takes ≈ 40 ms to draw,
 * and a 1,000-target plan can have hundreds of exceptions; every one still has its own PNG link.
 */
export const MAX_DOCUMENT_CHARTS = 30;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const variantOf = (draft: boolean): Variant => (draft ? 'draft' : 'final');

/** The address (for Links.url to sign) of one of a cycle's report files. */
export function reportPath(cycleId: string, draft: boolean, file: ReportFile): string {
  return `/files/report/${encodeURIComponent(cycleId)}/${variantOf(draft)}/${file}`;
}

/** The address of an exception's chart: its reported figures against its profile. */
export function exceptionChartPath(cycleId: string, draft: boolean, key: string): string {
  return `/files/report/${encodeURIComponent(cycleId)}/${variantOf(draft)}/exception/${encodeURIComponent(key)}.png`;
}

/** "performance-report-q3-2026-27-draft": a download's name, in ASCII (an HTTP header carries it). */
function fileStem(m: ReportModel): string {
  const slug = m.cycleName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off: "Môn" → "Mon"
    .replace(/[^\w\s-]/g, ' ')
    .trim()
    .replace(/[\s_-]+/g, '-')
    .toLowerCase();
  return `performance-report-${slug || 'cycle'}${m.draft ? '-draft' : ''}`;
}

const PATH =
  /^\/files\/report\/([^/]+)\/(final|draft)\/(?:report\.(docx|xlsx|csv)|(rag-by-aim)\.png|exception\/([^/]+)\.png)$/;

/**
 * A report file at its address (services/files.ts `fileAt` serves it behind a signed link), made
 * when asked for, from the figures as they are then: the Word document, the workbook, the CSV, the
 * RAG-by-aim chart, or an exception's chart. Undefined for an unknown cycle, a cycle with no
 * figures to report, or a target that is not one of its exceptions.
 */
export async function reportFileAt(path: string, now: Date): Promise<File | undefined> {
  const match = PATH.exec(path);
  if (!match) return undefined;
  const [, cycleId = '', variant, format, chart, exception] = match;
  const cycle = await cycleById(decodeURIComponent(cycleId));
  if (!cycle) return undefined;
  const loaded = await loadReport(cycle, variant === 'draft', now);
  if (!loaded || loaded.model.reported === 0) return undefined;
  const { model, targetOf } = loaded;
  const stem = fileStem(model);
  if (chart) {
    const { ragByAimPng } = await import('./charts');
    return { contentType: 'image/png', filename: `${stem}-rag-by-aim.png`, body: await ragByAimPng(model) };
  }
  if (exception) {
    const key = decodeURIComponent(exception);
    if (!model.exceptions.some((r) => r.key === key)) return undefined;
    const png = (await exceptionCharts(model, targetOf, [key])).get(key);
    return (
      png && { contentType: 'image/png', filename: `${stem}-${key.replace(/[^\w.-]/g, '-')}.png`, body: png }
    );
  }
  const { countsTable, targetsTable } = await import('./workbook');
  const { toCsv, toXlsx } = await import('../exports/table');
  if (format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      filename: `${stem}.csv`,
      body: toCsv(targetsTable(model)),
    };
  if (format === 'xlsx')
    return {
      contentType: XLSX,
      filename: `${stem}.xlsx`,
      body: await toXlsx([targetsTable(model), countsTable(model)]),
    };
  return { contentType: DOCX, filename: `${stem}.docx`, body: await reportDocument(model, targetOf) };
}

/** The Word document with its charts: RAG by aim, and the first MAX_DOCUMENT_CHARTS exceptions'. */
export async function reportDocument(m: ReportModel, targetOf: Map<string, TargetEntry>): Promise<Buffer> {
  const [{ ragByAimPng }, { reportDocx }] = await Promise.all([import('./charts'), import('./docx')]);
  const keys = m.exceptions.slice(0, MAX_DOCUMENT_CHARTS).map((r) => r.key);
  const [ragByAim, exceptions] = await Promise.all([ragByAimPng(m), exceptionCharts(m, targetOf, keys)]);
  return reportDocx(m, { ragByAim, exceptions });
}

/** A unit as a chart's axis names it. */
function unitLabel(t: TargetEntry): string {
  if (t.unit === 'percent') return '%';
  if (t.unit === 'money') return '£';
  if (t.unit === 'rate' && t.per) return `per ${t.per.toLocaleString('en-GB')}`;
  return '';
}

/**
 * Each exception's reported figures against what its profile expected (services/answers/history.ts
 * `historySeries`, drawn by `lineChartPng`), up to the figure the report shows: one update per
 * as-of date, the one reported (else the last submitted), so a figure returned and re-submitted
 * is drawn once. One read of the update ledger for all of them. A target with no numeric figure
 * gets none.
 */
export async function exceptionCharts(
  m: ReportModel,
  targetOf: Map<string, TargetEntry>,
  keys: string[],
): Promise<Map<string, Buffer>> {
  const charts = new Map<string, Buffer>();
  if (!keys.length) return charts;
  const { lineChartPng } = await import('../exports/line-chart');
  const updates = await updatesOf(m.planId, keys);
  for (const key of keys) {
    const row = m.exceptions.find((r) => r.key === key);
    const t = targetOf.get(key);
    if (!row?.asOf || !t || row.value === undefined) continue;
    const byDate = new Map<string, { asOf: string; value?: number | null }>();
    for (const u of updates) if (u.target === key && u.asOf <= (row.asOf as string)) byDate.set(u.asOf, u);
    byDate.set(row.asOf, { asOf: row.asOf, value: row.value });
    const points = [...byDate.values()].sort((a, b) => a.asOf.localeCompare(b.asOf));
    const title = `${m.draft ? 'DRAFT — ' : ''}${key}: reported against expected`;
    charts.set(key, await lineChartPng(title, historySeries(t, points), unitLabel(t)));
  }
  return charts;
}
