import { DateTime } from 'luxon';

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

/**
 * The last day of a plan's period (yyyy-mm-dd): its stated end, else the end its label names
 * ("2003–2006" → 2006-03-31). The final target is due then when the plan names no other date.
 */
export function planEndOf(plan: {
  period?: { label?: string | null; end?: string | null } | null;
}): string | undefined {
  return plan.period?.end ?? periodEnd(plan.period?.label);
}
