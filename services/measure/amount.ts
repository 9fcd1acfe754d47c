/** How a target's figures read in a reply: the unit a plan states, in UK style. */
export interface UnitOf {
  unit?: string | null;
  /** A rate's base: 1000 for "per 1,000". */
  per?: number | null;
}

// Built once: a status card formats dozens of figures.
const EXACT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });
const BY_SIZE = [
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
];

/**
 * A figure with its unit: "44.2%", "24.1 per 1,000", "£2,600,000", "8,700". `worked` figures (an
 * expectation the bot computed, such as 9,291 less 3%) are rounded to what the size of the number
 * warrants (9,012, 23.6, 0.19); reported figures are shown as the person gave them.
 */
export function amount(value: number, of: UnitOf, worked = false): string {
  const size = Math.abs(value);
  const format = worked ? (BY_SIZE[size >= 1000 ? 2 : size >= 10 ? 1 : 0] as Intl.NumberFormat) : EXACT;
  const shown = format.format(value);
  switch (of.unit) {
    case 'percent':
      return `${shown}%`;
    case 'money':
      return value < 0 ? `-£${format.format(-value)}` : `£${shown}`;
    case 'rate':
      return of.per ? `${shown} per ${EXACT.format(of.per)}` : shown;
    case 'days':
      return `${shown} ${value === 1 ? 'day' : 'days'}`;
    default:
      return shown;
  }
}
