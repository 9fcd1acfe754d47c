import type { Rag } from '../../models/rag';
import { ukDate } from '../answers/format';
import { calendarDay } from '../cycle/working-days';
import { amount, type UnitOf } from './amount';
import { meaningOf } from './meaning';
import { expectedAt, type Expectation, type Measured, type ProfilePoint } from './profile';

/** The Amber band when neither the target nor its plan sets one: 5% of the expected value. */
export const DEFAULT_TOLERANCE = 5;

export interface Assessable extends Measured, UnitOf {
  /** Polarity: whether higher (up) or lower (down) is better. */
  direction?: string | null;
  /** Percent of the expected value that is still Amber (models/target.ts). */
  tolerance?: number | null;
}

export interface AssessContext {
  /** The plan's tolerance, used when the target sets none (percent). */
  tolerance?: number | null;
  /** yyyy-mm-dd: the end of the plan's period, the final target's date when it names none. */
  planEnd?: string;
}

export interface Assessment {
  /** Undefined when no RAG can be computed; `why` then says why. */
  rag?: Rag;
  /** One line: "Amber: 44.2% against 46% expected by 31 Dec 2026; within 5%". */
  why: string;
  expected?: Expectation;
}

const RAG_WORD: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
const PERCENT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Which tolerance applies (percent): the target's, else the plan's, else 5. Errors on a negative one. */
export function toleranceOf(target: Assessable, context: AssessContext = {}): number {
  const tolerance = target.tolerance ?? context.tolerance ?? DEFAULT_TOLERANCE;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new Error(`The RAG tolerance must be 0 or more, in percent, e.g. 5 (got ${tolerance})`);
  return tolerance;
}

/** "the 04/05 interim target of 23.6", "the final target of 50 (2006)". */
function pointName(point: ProfilePoint, value: string): string {
  const dated = point.label && /\d/.test(point.label) ? point.label : undefined;
  if (point.stage === 'profile') return `the profile's ${value}`;
  return `the ${dated ? `${dated} ` : ''}${point.stage} target of ${value}`;
}

/** " (3% below the 2001/02 baseline of 9,291)": a relative target says what it is relative to. */
function relativeTo(point: ProfilePoint, of: UnitOf): string {
  const c = point.change;
  if (!c) return '';
  const size =
    c.as === 'percent' ? `${PERCENT.format(Math.abs(c.by))}%` : `${PERCENT.format(Math.abs(c.by))} points`;
  const base = `the ${c.baselineLabel ? `${c.baselineLabel} ` : ''}baseline of ${amount(c.baseline, of)}`;
  return ` (${size} ${c.by < 0 ? 'below' : 'above'} ${base})`;
}

/** "; the 2006 final target is not yet set (XX%)": said when a placeholder final had to be passed over. */
function unset(target: Assessable, e: Expectation): string {
  if (e.point.stage === 'final' || meaningOf(target.final).kind !== 'notSet') return '';
  const label = target.final?.label && /\d/.test(target.final.label) ? `${target.final.label} ` : '';
  return `; the ${label}final target is not yet set (${target.final?.text ?? ''})`;
}

function expectedText(e: Expectation, of: UnitOf): string {
  const shown = e.range
    ? `${amount(e.range.from, of, true)}–${amount(e.range.to, of, true)}`
    : amount(e.value as number, of, true);
  const what =
    e.how === 'between' || e.point.stage === 'profile'
      ? `${shown} expected by ${ukDate(e.by as string)}`
      : pointName(e.point, shown);
  return `${what}${relativeTo(e.point, of)}`;
}

/**
 * The RAG of a reported figure and why, in one line a policy officer can check:
 * "Amber: 24.1 per 1,000 against the 04/05 interim target of 23.6; within 5%". Compared with what the
 * target's profile expects on the figure's as-of date (services/measure/profile.ts), honouring
 * polarity: Green at or better than expected; Amber worse by at most the tolerance (a share of the
 * expected value, or that many units when the expected value is 0); Red beyond. A range is Green
 * inside it (and beyond it on the better side). No RAG, with the reason, when the target has no
 * figure, is not yet set ("XX%"), or does not say which way is better.
 */
export function assess(
  target: Assessable,
  reported: { value: number; asOf: string },
  context: AssessContext = {},
): Assessment {
  const { value, asOf } = reported;
  if (!Number.isFinite(value)) throw new Error(`A reported value must be a number, not ${value}`);
  calendarDay(asOf, 'The as-of date');
  const tolerance = toleranceOf(target, context);
  const found = expectedAt(target, asOf, context.planEnd);
  if (!found.ok) return { why: `No RAG: ${found.why}.` };
  const e = found.expected;
  const shown = amount(value, target);
  const against = `${shown} against ${expectedText(e, target)}`;
  const direction = target.direction === 'up' || target.direction === 'down' ? target.direction : undefined;
  if (!direction && !e.range)
    return {
      expected: e,
      why: `No RAG: the plan does not say whether higher or lower is better (${against}).`,
    };

  const ends = e.range ? [e.range.from, e.range.to] : [e.value as number, e.value as number];
  const [low, high] = ends as [number, number];
  // How far short of expected: 0 inside a range or at/better than the value.
  const short =
    direction === 'up'
      ? Math.max(0, low - value)
      : direction === 'down'
        ? Math.max(0, value - high)
        : Math.max(0, low - value, value - high);
  const edge = direction === 'up' ? low : direction === 'down' ? high : value < low ? low : high;
  const band = edge === 0 ? tolerance / 100 : (tolerance / 100) * Math.abs(edge);
  // 0.7 × 5% is not exact in binary; a hair of slack keeps the edges where people expect them.
  const slack = 1e-9 * Math.max(1, Math.abs(edge));
  const bandText = edge === 0 ? amount(band, target) : `${PERCENT.format(tolerance)}%`;
  const [rag, verdict]: [Rag, string] =
    short <= slack
      ? ['green', e.range ? 'within the range' : 'at or better than expected']
      : short <= band + slack
        ? ['amber', `within ${bandText}`]
        : ['red', `more than ${bandText} worse`];
  return { rag, expected: e, why: `${RAG_WORD[rag]}: ${against}; ${verdict}${unset(target, e)}` };
}
