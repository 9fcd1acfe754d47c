import { Plan, Target, Workshop } from '../models';
import type { WorkshopDoc } from '../models/workshop';
import { toCsv, toXlsx } from './exports/table';
import { chartBars, loadResults, resultsTable, talliesTable } from './consultation/results';
import { attendeeRows } from './workshop/reply';
import { historySeries, updatesOf } from './answers/history';
import { planEndOf } from './measure/period';

export interface File {
  contentType: string;
  filename: string;
  body: Buffer | string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The chart and calendar writers (pureimage with its fonts, ics) are loaded when a file is first
// asked for: memory a bot that never exports should not carry.
const barChartPng = async (...args: Parameters<typeof import('./exports/chart').barChartPng>) =>
  (await import('./exports/chart')).barChartPng(...args);
const lineChartPng = async (...args: Parameters<typeof import('./exports/line-chart').lineChartPng>) =>
  (await import('./exports/line-chart')).lineChartPng(...args);
const workshopIcs = async (...args: Parameters<typeof import('./exports/calendar').workshopIcs>) =>
  (await import('./exports/calendar')).workshopIcs(...args);

/**
 * What the bot serves under /files/… (the caller has checked the link's signature): consultation
 * exports and charts, workshop calendar files and attendee lists, history charts, and performance
 * reports with their charts. Undefined for anything else.
 */
export async function fileAt(path: string): Promise<File | undefined> {
  const consultation = /^\/files\/consultation\/([a-z0-9-]+)(?:\.(csv|xlsx)|\/(q\d+)\.png)$/.exec(path);
  if (consultation) {
    const [, id = '', format, question] = consultation;
    const loaded = await loadResults(id);
    if (!loaded) return undefined;
    const { c, responses } = loaded;
    if (question) {
      const bars = chartBars(c, question, responses);
      const prompt = c.questions.find((q) => q.id === question)?.prompt ?? '';
      return (
        bars && {
          contentType: 'image/png',
          filename: `${id}-${question}.png`,
          body: await barChartPng(prompt, bars),
        }
      );
    }
    const table = resultsTable(c, responses);
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', filename: `${id}.csv`, body: toCsv(table) }
      : {
          contentType: XLSX,
          filename: `${id}.xlsx`,
          body: await toXlsx([table, talliesTable(c, responses)]),
        };
  }
  // A cycle's performance report: Word, Excel, CSV and charts (services/report/files.ts).
  if (path.startsWith('/files/report/'))
    return (await import('./report/files')).reportFileAt(path, new Date());
  // A plan's risk matrix with its open risks in their cells (services/risk/image.ts).
  const risks = /^\/files\/risks\/([^/]+)\/matrix\.png$/.exec(path);
  if (risks) return (await import('./risk/image')).matrixFile(decodeURIComponent(risks[1] ?? ''));
  const history = /^\/files\/history\/([^/]+)\/([^/]+)\.png$/.exec(path);
  if (history)
    return historyChart(decodeURIComponent(history[1] ?? ''), decodeURIComponent(history[2] ?? ''));
  const workshop = /^\/files\/workshop\/([a-z0-9-]+)(?:\.(ics)|\/attendees\.(csv|xlsx))$/.exec(path);
  if (workshop) {
    const [, id = '', ics, format] = workshop;
    const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
    if (!w) return undefined;
    if (ics)
      return {
        contentType: 'text/calendar; charset=utf-8',
        filename: `${id}.ics`,
        body: await workshopIcs({
          uid: `${id}@golden-thread`,
          title: w.title,
          description: w.description,
          start: w.startsAt,
          end: w.endsAt,
          location: w.place ?? undefined,
          url: w.link ?? undefined,
          sequence: w.sequence,
          cancelled: w.status === 'cancelled',
        }),
      };
    const table = {
      sheet: 'Attendees',
      columns: ['Recipient', 'Name', 'Answer', 'Replied (UTC)'],
      rows: await attendeeRows(id),
    };
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', filename: `${id}-attendees.csv`, body: toCsv(table) }
      : { contentType: XLSX, filename: `${id}-attendees.xlsx`, body: await toXlsx([table]) };
  }
  return undefined;
}

/** A target's history chart: its actuals against what its profile expected (services/answers/history.ts). */
async function historyChart(planId: string, key: string): Promise<File | undefined> {
  const [stored, plan] = await Promise.all([
    Target.findById(`${planId}:${key}`).lean(),
    Plan.findById(planId, { period: 1 }).lean(),
  ]);
  if (!stored || !plan) return undefined;
  const target = { ...stored, planEnd: planEndOf(plan) };
  const updates = await updatesOf(planId, [key]);
  const unit =
    target.unit === 'percent'
      ? '%'
      : target.unit === 'money'
        ? '£'
        : target.unit === 'rate' && target.per
          ? `per ${target.per.toLocaleString('en-GB')}`
          : '';
  return {
    contentType: 'image/png',
    filename: `${planId}-${key.replace(/[^\w.-]/g, '-')}.png`,
    body: await lineChartPng(`${key}: reported against expected`, historySeries(target, updates), unit),
  };
}
