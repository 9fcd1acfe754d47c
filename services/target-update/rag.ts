import { DateTime } from 'luxon';
import type { Rag } from '../../models/rag';
import { calendarDay } from '../cycle/working-days';

export type Direction = 'up' | 'down';

/** An interim or final figure of a target. Nulls are allowed because stored plan figures carry them. */
export interface TargetFigure {
  value?: number | null;
  label?: string | null;
}

export interface RagInput {
  value: number;
  asOf: string; // yyyy-mm-dd
  direction?: Direction | null;
  /** Accepted so a whole target can be passed; RAG measures against the target, not the start. */
  baseline?: { value?: number | null } | null;
  interim?: TargetFigure | null;
  final?: TargetFigure | null;
  tolerance?: number;
}

export interface RagSuggestion {
  rag?: Rag;
  against?: { label: string; value: number };
  why: string;
}

type Stage = 'interim' | 'final';

const MONTH =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{4})\b/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const YEAR_PAIR = /\b(\d{4}|\d{2})\s*[/\-–]\s*(\d{4}|\d{2})\b/;
const YEAR = /\b(\d{4})\b/;

/** "04" is 2004 and "99" is 1999: the plans we hold run from the late 1990s on. */
function fullYear(digits: string, after?: number): number {
  if (digits.length === 4) return Number(digits);
  if (after !== undefined) {
    const year = Math.floor(after / 100) * 100 + Number(digits);
    return year > after ? year : year + 100; // "2099/00" ends in 2100
  }
  return Number(digits) >= 70 ? 1900 + Number(digits) : 2000 + Number(digits);
}

/**
 * The last day of the period a figure's label names, or undefined if it names none. Councils count
 * years from April, so a year is the financial year ending in it: "2004" → 2004-03-31; "2004/05",
 * "04/05" → 2005-03-31; "2003–2006" → 2006-03-31. A month names itself: "March 2005" → 2005-03-31.
 */
export function periodEnd(label: string | null | undefined): string | undefined {
  if (!label) return undefined;
  const pair = YEAR_PAIR.exec(label);
  if (pair?.[1] && pair[2]) {
    const start = fullYear(pair[1]);
    const end = fullYear(pair[2], start);
    // A plan period runs a few years; anything longer is not a pair of years ("31/03" is a day).
    if (end - start <= 10) return `${end}-03-31`;
  }
  const month = MONTH.exec(label);
  if (month?.[1] && month[2]) {
    const start = DateTime.fromObject({
      year: Number(month[2]),
      month: MONTHS.indexOf(month[1].slice(0, 3).toLowerCase()) + 1,
    });
    return start.endOf('month').toISODate() ?? undefined;
  }
  const year = YEAR.exec(label);
  return year?.[1] ? `${year[1]}-03-31` : undefined;
}

function numeric(figure: TargetFigure | null | undefined): number | undefined {
  const value = figure?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The interim figure applies until its period ends; a label we cannot date keeps it in force. */
function stagesInOrder(input: RagInput): [Stage, Stage] {
  if (!input.interim) return ['final', 'interim'];
  const end = periodEnd(input.interim.label);
  return end === undefined || input.asOf <= end ? ['interim', 'final'] : ['final', 'interim'];
}

/**
 * How a reply names the figure: `against.label` as the status card heads it ("Interim 2004",
 * "Target 2006"), `named` for a sentence. A label with no date in it ("Interim") adds nothing.
 */
function nameTarget(stage: Stage, label: string | null | undefined, value: number) {
  const heading = stage === 'interim' ? 'Interim' : 'Target';
  const dated = label && /\d/.test(label) ? label : undefined;
  const against = {
    label: dated ? (/^(interim|target|final)\b/i.test(dated) ? dated : `${heading} ${dated}`) : heading,
    value,
  };
  return { against, named: `the ${stage} target of ${number.format(value)}${dated ? ` (${dated})` : ''}` };
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });

/**
 * Suggests a RAG for a reported value: against the interim target while the as-of date is within the
 * interim period, the final target after it (either one standing in when the other has no figure).
 * Green at or better than the target; amber within `tolerance` of it (a share of the target, or an
 * absolute band when the target is 0); red beyond. No suggestion without a figure or a direction.
 */
export function suggestRag(input: RagInput): RagSuggestion {
  const { value, asOf, direction, tolerance = 0.05 } = input;
  if (!Number.isFinite(value)) throw new Error(`A reported value must be a number, not ${value}`);
  calendarDay(asOf, 'The as-of date');
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new Error(`The RAG tolerance must be 0 or more, e.g. 0.05 for 5% (got ${tolerance})`);
  }

  const [preferred, other] = stagesInOrder(input);
  const stage = [preferred, other].find((candidate) => numeric(input[candidate]) !== undefined);
  const target = stage && numeric(input[stage]);
  if (!stage || target === undefined) return { why: 'This target has no numeric target to compare with' };

  const { against, named } = nameTarget(stage, input[stage]?.label, target);
  const standIn = stage === preferred ? '' : ` — the ${preferred} target has no figure yet`;
  if (!direction) {
    return {
      against,
      why: `This target does not say whether higher or lower is better, so ${named} gives no RAG`,
    };
  }

  const band = target === 0 ? tolerance : tolerance * Math.abs(target);
  const bandText = target === 0 ? number.format(tolerance) : `${number.format(tolerance * 100)}%`;
  // Figures such as 0.7 × 0.05 are not exact in binary; a hair of slack keeps the edges where people expect.
  const slack = 1e-9 * Math.max(1, Math.abs(target));
  const better = direction === 'up' ? value - target : target - value;
  const shown = number.format(value);
  if (better >= -slack)
    return { rag: 'green', against, why: `${shown} is at or better than ${named}${standIn}` };
  if (better >= -band - slack)
    return { rag: 'amber', against, why: `${shown} is within ${bandText} of ${named}${standIn}` };
  return { rag: 'red', against, why: `${shown} is more than ${bandText} worse than ${named}${standIn}` };
}
