import { DateTime } from 'luxon';
import { ukDate } from '../answers/format';
import { amount, type UnitOf } from './amount';

/** A reported figure as a target keeps it (models/target.ts `latest`, `previous`, `recent`). */
export interface Figure {
  asOf: string; // yyyy-mm-dd
  value?: number | null;
}

export interface Trended extends UnitOf {
  direction?: string | null;
  frequency?: string | null;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * `day(iso).toMillis()` without a DateTime for the usual "yyyy-mm-dd": a status card compares every
 * recent figure's date, and luxon's parsing was most of that card's cost. Anything else goes
 * through luxon, as before.
 */
function dayMillis(iso: string): number {
  const ymd = ISO_DAY.exec(iso);
  if (!ymd) return day(iso).toMillis();
  const [year, month, date] = [Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3])];
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const ms = new Date(0).setUTCFullYear(year, month, date);
  const back = new Date(ms);
  // "2026-02-30" is no day: NaN, as luxon's invalid DateTime gives, not 2 March.
  return back.getUTCMonth() === month && back.getUTCDate() === date ? ms : NaN;
}
const numeric = (f: Figure | null | undefined): f is Figure & { value: number } =>
  typeof f?.value === 'number' && Number.isFinite(f.value);

/**
 * How close to a year before `asOf` a figure must be to count as "the same period last year": half
 * a reporting period either side (monthly ±15 days, quarterly ±45, annual or unstated ±45).
 */
const SLACK_DAYS: Record<string, number> = { monthly: 15, quarterly: 45, annual: 45 };

/** The figure for the same period a year before `latest`, from the target's recent figures. */
export function yearEarlier(latest: Figure, recent: Figure[], frequency?: string | null): Figure | undefined {
  const wanted = day(latest.asOf).minus({ years: 1 }).toMillis();
  const slack = SLACK_DAYS[frequency ?? ''] ?? 45;
  let best: { f: Figure; gap: number } | undefined;
  for (const f of recent) {
    const gap = Math.abs(dayMillis(f.asOf) - wanted) / DAY_MS;
    if (gap <= slack && (!best || gap < best.gap)) best = { f, gap };
  }
  return best?.f;
}

/** "better than" / "worse than" when the target says which way is better; "higher" / "lower" when not. */
function compared(now: number, then: number, direction?: string | null): string {
  if (now === then) return 'the same as';
  const higher = now > then;
  if (direction === 'up' || direction === 'down')
    return higher === (direction === 'up') ? 'better than' : 'worse than';
  return higher ? 'higher than' : 'lower than';
}

/**
 * One line on how the latest figure moved, honouring polarity (a falling crime count is better):
 * "Trend: better than the last update (24.8 on 30 Jun 2026); worse than a year earlier (23.9 on 31 Dec
 * 2025)". Undefined when there is nothing numeric to compare with.
 */
export function trendText(
  t: Trended,
  latest: Figure | null | undefined,
  previous: Figure | null | undefined,
  recent: Figure[] = [],
): string | undefined {
  if (!numeric(latest)) return undefined;
  const parts: string[] = [];
  const then = (label: string, f: Figure & { value: number }) =>
    `${compared(latest.value, f.value, t.direction)} ${label} (${amount(f.value, t)} on ${ukDate(f.asOf)})`;
  if (numeric(previous) && previous.asOf !== latest.asOf) parts.push(then('the last update', previous));
  const year = yearEarlier(latest, recent, t.frequency);
  if (numeric(year) && year.asOf !== previous?.asOf) parts.push(then('a year earlier', year));
  return parts.length ? `Trend: ${parts.join('; ')}` : undefined;
}

/** The last day of the financial year (1 April – 31 March) that `asOf` falls in. */
export function yearEnd(asOf: string): string {
  const d = day(asOf);
  return `${d.month >= 4 ? d.year + 1 : d.year}-03-31`;
}

/**
 * A straight-line forecast for the end of the financial year: the least-squares line through this
 * year's figures (at least two; else the latest and the one before), carried to 31 March and kept
 * within `bounds`. Undefined
 * with fewer than two figures on different days, or when the latest is already the year's end.
 */
export function forecast(
  latest: Figure | null | undefined,
  previous: Figure | null | undefined,
  recent: Figure[] = [],
  /** What the figure can be at all: a count cannot fall below 0 however steep the line. */
  bounds: { min?: number; max?: number } = {},
): { value: number; by: string; from: number } | undefined {
  if (!numeric(latest)) return undefined;
  const by = yearEnd(latest.asOf);
  if (latest.asOf >= by) return undefined;
  const from = `${Number(by.slice(0, 4)) - 1}-04-01`;
  const thisYear = [latest, ...recent].filter(numeric).filter((f) => f.asOf >= from);
  const unique = [...new Map(thisYear.map((f) => [f.asOf, f])).values()];
  const points = unique.length >= 2 ? unique : [latest, previous].filter(numeric);
  if (points.length < 2 || new Set(points.map((p) => p.asOf)).size < 2) return undefined;
  const xs = points.map((p) => dayMillis(p.asOf) / DAY_MS);
  const ys = points.map((p) => p.value);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  const line = my + slope * (dayMillis(by) / DAY_MS - mx);
  const value = Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, line));
  return { value, by, from: points.length };
}
