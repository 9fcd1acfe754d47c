/**
 * What a baseline, interim or final figure means, read from how the plan file states it. A plan
 * prints "23.6 (04/05)" (a value), "3% (03/04)" under a target to "reduce … by 7%" (a change against
 * the baseline: seed 001, CSY.1), "XX%" (a placeholder: seed 001, ED.1 and ED.3), or words.
 */

/** A figure as stored: see models/measure.ts. */
export interface StatedFigure {
  label?: string | null;
  text?: string | null;
  value?: number | null;
  change?: string | null;
  range?: string | null;
}

export type Meaning =
  | { kind: 'value'; value: number }
  /** Signed: -3 with `as: 'percent'` is "3% below the baseline". */
  | { kind: 'change'; by: number; as: 'percent' | 'points' }
  | { kind: 'range'; from: number; to: number }
  /** "XX%": the plan has a place for the figure but has not set it. */
  | { kind: 'notSet' }
  /** Words only ("Level 3", "Baseline data still being collected."): nothing to compare. */
  | { kind: 'words' };

// Anchored, one optional sign, digits with one optional fraction: linear, no backtracking.
const CHANGE = /^([+-])\s?(\d+(?:\.\d+)?)\s?(%|points?|pts?)$/i;
const RANGE = /^(-?\d+(?:\.\d+)?)\s?(?:-|–|to)\s?(-?\d+(?:\.\d+)?)$/i;
// Two or more X standing for digits, as in "XX%" and "XX,000".
const PLACEHOLDER = /\bX{2,}/i;

/** The reason a `change` text is refused, for the plan file's validation message. */
export const CHANGE_HELP =
  'write a change against the baseline with its sign and unit, such as -3% or +2 points';
/** The reason a `range` text is refused. */
export const RANGE_HELP = 'write a range as two numbers, lower first, such as 40-45';

/** "-3%" → { by: -3, as: 'percent' }; "+2 points" → { by: 2, as: 'points' }; anything else → undefined. */
export function parseChange(text: string): { by: number; as: 'percent' | 'points' } | undefined {
  const m = CHANGE.exec(text.trim());
  if (!m?.[2] || !m[3]) return undefined;
  const by = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return { by, as: m[3] === '%' ? 'percent' : 'points' };
}

/** "40-45" or "40 to 45" → { from: 40, to: 45 }; a reversed or malformed range → undefined. */
export function parseRange(text: string): { from: number; to: number } | undefined {
  const m = RANGE.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from <= to ? { from, to } : undefined;
}

/** True when the printed text is a placeholder such as "XX%": the figure is not yet set. */
export function isPlaceholder(text: string | null | undefined): boolean {
  return !!text && PLACEHOLDER.test(text);
}

/**
 * What a stated figure means. A `change` or `range` the file gave wins over `value`; a placeholder
 * text with no number is "not yet set"; text with no number is words.
 */
export function meaningOf(figure: StatedFigure | null | undefined): Meaning {
  if (!figure) return { kind: 'words' };
  const change = figure.change ? parseChange(figure.change) : undefined;
  if (change) return { kind: 'change', ...change };
  const range = figure.range ? parseRange(figure.range) : undefined;
  if (range) return { kind: 'range', ...range };
  if (typeof figure.value === 'number' && Number.isFinite(figure.value))
    return { kind: 'value', value: figure.value };
  return isPlaceholder(figure.text) ? { kind: 'notSet' } : { kind: 'words' };
}
