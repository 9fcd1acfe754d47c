import { DateTime } from 'luxon';
import { meaningOf, type Meaning, type StatedFigure } from './meaning';
import { periodEnd } from './period';

/** The parts of a target that say what is expected of it, as stored (models/target.ts). */
export interface Measured {
  baseline?: StatedFigure | null;
  interim?: StatedFigure | null;
  final?: StatedFigure | null;
  /** yyyy-mm-dd: when the final target is due, where its label names no period. */
  due?: string | null;
  profile?: { asOf: string; value: number }[] | null;
}

export type Stage = 'interim' | 'final' | 'profile';

/** One point of a target's profile: what is expected, by when, and where that comes from. */
export interface ProfilePoint {
  stage: Stage;
  /** yyyy-mm-dd; undefined when the plan's label names no period ("Interim"). */
  by?: string;
  value?: number;
  range?: { from: number; to: number };
  /** The label as the plan prints it ("04/05"), for "the 04/05 interim target". */
  label?: string;
  /** Set when the figure is a change against the baseline: says so in the reason. */
  change?: { by: number; as: 'percent' | 'points'; baseline: number; baselineLabel?: string };
}

/** What is expected on a date: a point of the profile, or a value between two of them. */
export interface Expectation {
  value?: number;
  range?: { from: number; to: number };
  /** yyyy-mm-dd the expectation is for. */
  by?: string;
  /** `point` when the as-of date is on or past a stated figure; `between` when interpolated. */
  how: 'point' | 'between';
  point: ProfilePoint;
}

export type Expected = { ok: true; expected: Expectation } | { ok: false; why: string };

const dayOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis();

/** The baseline as a number and the day its period ends, when the plan states both. */
export function baselinePoint(t: Measured): { value: number; by?: string; label?: string } | undefined {
  const m = meaningOf(t.baseline);
  return m.kind === 'value'
    ? { value: m.value, by: periodEnd(t.baseline?.label), label: t.baseline?.label ?? undefined }
    : undefined;
}

function resolve(
  stage: 'interim' | 'final',
  figure: StatedFigure | null | undefined,
  t: Measured,
  planEnd: string | undefined,
): ProfilePoint | { unresolved: Meaning['kind'] | 'noBaseline' } | undefined {
  if (!figure) return undefined;
  const meaning = meaningOf(figure);
  const label = figure.label ?? undefined;
  const by = periodEnd(label) ?? (stage === 'final' ? (t.due ?? planEnd) : undefined);
  switch (meaning.kind) {
    case 'value':
      return { stage, by, value: meaning.value, label };
    case 'range':
      return { stage, by, range: { from: meaning.from, to: meaning.to }, label };
    case 'change': {
      const base = baselinePoint(t);
      if (!base) return { unresolved: 'noBaseline' };
      const value = meaning.as === 'percent' ? base.value * (1 + meaning.by / 100) : base.value + meaning.by;
      return {
        stage,
        by,
        value,
        label,
        change: { by: meaning.by, as: meaning.as, baseline: base.value, baselineLabel: base.label },
      };
    }
    default:
      return { unresolved: meaning.kind };
  }
}

/**
 * Every point a target's expectations pass through, in date order: the plan's own profile (dated
 * values it set, e.g. a quarterly trajectory), its interim and its final target. Undated points (an
 * interim labelled only "Interim") come last. `why` says why there are none.
 */
export function profilePoints(t: Measured, planEnd?: string): { points: ProfilePoint[]; why?: string } {
  const points: ProfilePoint[] = (t.profile ?? []).map((p) => ({
    stage: 'profile',
    by: p.asOf,
    value: p.value,
  }));
  const reasons: string[] = [];
  for (const stage of ['interim', 'final'] as const) {
    const r = resolve(stage, t[stage], t, planEnd);
    if (!r) continue;
    if ('unresolved' in r) reasons.push(r.unresolved);
    else points.push(r);
  }
  points.sort((a, b) => (a.by && b.by ? a.by.localeCompare(b.by) : a.by ? -1 : b.by ? 1 : 0));
  if (points.length) return { points };
  const why = reasons.includes('noBaseline')
    ? 'the target is a change against the baseline, and the plan gives no baseline figure'
    : reasons.includes('notSet')
      ? `the target is not yet set (the plan prints ${t.final?.text ?? t.interim?.text ?? 'a placeholder'})`
      : 'the plan gives no target figure to compare with';
  return { points: [], why };
}

/**
 * What a target expects on `asOf` (yyyy-mm-dd). On or after a stated figure's date that figure; between
 * two dated figures (or the baseline and the first) a straight line between them, so a quarterly
 * report before the interim date is measured against where the target should have got to by then,
 * not against the whole step. Before the first date with no dated baseline, the first figure. The
 * plan's `profile` points replace the straight line where it sets them. Ranges are not interpolated.
 */
export function expectedAt(t: Measured, asOf: string, planEnd?: string): Expected {
  const { points, why } = profilePoints(t, planEnd);
  if (!points.length) return { ok: false, why: why ?? 'the plan gives no target figure to compare with' };
  const dated = points.filter((p) => p.by);
  if (!dated.length) {
    // Nothing to place in time: the interim stands in until a dated figure exists (seed 001's "Interim" cells).
    const point = points[0] as ProfilePoint;
    return { ok: true, expected: { value: point.value, range: point.range, how: 'point', point } };
  }
  const last = dated[dated.length - 1] as ProfilePoint;
  if (asOf >= (last.by as string))
    return {
      ok: true,
      expected: { value: last.value, range: last.range, by: last.by, how: 'point', point: last },
    };
  const nextIndex = dated.findIndex((p) => (p.by as string) >= asOf);
  const next = dated[nextIndex] as ProfilePoint;
  if (next.by === asOf || next.range || next.value === undefined)
    return {
      ok: true,
      expected: { value: next.value, range: next.range, by: next.by, how: 'point', point: next },
    };
  const base = baselinePoint(t);
  const previous =
    nextIndex > 0
      ? dated[nextIndex - 1]
      : base?.by && base.by < asOf
        ? { by: base.by, value: base.value }
        : undefined;
  if (!previous || previous.value === undefined || !previous.by)
    return { ok: true, expected: { value: next.value, by: next.by, how: 'point', point: next } };
  const share = (dayOf(asOf) - dayOf(previous.by)) / (dayOf(next.by as string) - dayOf(previous.by));
  const value = previous.value + (next.value - previous.value) * share;
  return { ok: true, expected: { value, by: asOf, how: 'between', point: next } };
}
