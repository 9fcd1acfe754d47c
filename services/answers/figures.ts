import type { Rag } from '../../models/rag';
import type { TargetDoc } from '../../models/target';
import { amount, type UnitOf } from '../measure/amount';
import { ukDate } from './format';
import type { FigureView } from './views';

type Measured = Pick<TargetDoc, 'baseline' | 'interim' | 'final'>;

/** A target's baseline, interim and final figures as printed, labelled with their periods. */
export function figuresOf(t: Measured): FigureView[] {
  const figures: FigureView[] = [];
  for (const [name, m] of [
    ['Baseline', t.baseline],
    ['Interim', t.interim],
    ['Target', t.final],
  ] as const) {
    if (m?.text) figures.push({ label: labelled(name, m.label), text: m.text });
  }
  return figures;
}

/**
 * "Interim 2004" from the name and the period the seed prints; the name alone when the seed prints
 * no period, and the period alone when it already says the name (CSY.4's interim cell is labelled
 * "Interim": not "Interim Interim").
 */
function labelled(name: string, period: string | null | undefined): string {
  if (!period) return name;
  return period.toLowerCase().startsWith(name.toLowerCase()) ? period : `${name} ${period}`;
}

export interface Reported {
  value?: number | null;
  text?: string | null;
  rag?: string | null;
  asOf: string;
}

const RAG_LABELS: Record<Rag, string> = { red: '◆ Red', amber: '▲ Amber', green: '● Green' };

/**
 * A RAG as a word with a shape, so it reads without colour: "◆ Red", "▲ Amber", "● Green". Colour
 * alone fails people who cannot tell red from green and, in Teams' light theme, is unreadable
 * (Warning #f8d22a on white is 1.47:1; text needs 4.5:1, WCAG 2.2 SC 1.4.1 and 1.4.3). The shapes
 * are plain Unicode geometric shapes (U+25C6, U+25B2, U+25CF), not emoji: Teams, Slack and the
 * terminal draw them as text in every theme.
 */
export function ragLabel(rag: Rag): string {
  return RAG_LABELS[rag];
}

/** The target (or its unit alone) a figure is of, so it reads with its unit: "24.1 per 1,000". */
type Of = UnitOf | string | null | undefined;

/** A reported figure and its date, without its RAG: "47% as of 31 Dec 2026". */
export function figureText(r: Reported, of: Of): string {
  return `${figure(r, of)} as of ${ukDate(r.asOf)}`;
}

/** A reported figure as every reply shows it: "47% (● Green) as of 31 Dec 2026". */
export function reportedText(r: Reported, of: Of): string {
  const rag = r.rag && isRag(r.rag) ? ` (${ragLabel(r.rag)})` : '';
  return `${figure(r, of)}${rag} as of ${ukDate(r.asOf)}`;
}

const figure = (r: Reported, of: Of) =>
  typeof r.value === 'number'
    ? amount(r.value, typeof of === 'string' || !of ? { unit: of } : of)
    : (r.text ?? '');

const isRag = (value: string): value is Rag => Object.hasOwn(RAG_LABELS, value);
