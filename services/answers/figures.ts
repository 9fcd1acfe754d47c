import type { TargetDoc } from '../../models/target';
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
    if (m?.text) figures.push({ label: m.label ? `${name} ${m.label}` : name, text: m.text });
  }
  return figures;
}

export interface Reported {
  value?: number | null;
  text?: string | null;
  rag?: string | null;
  asOf: string;
}

/** A reported figure as every reply shows it: "47% (GREEN) as of 31 Dec 2026". */
export function reportedText(r: Reported, unit: string | null | undefined): string {
  const figure = typeof r.value === 'number' ? `${r.value}${unit === 'percent' ? '%' : ''}` : (r.text ?? '');
  return `${figure}${r.rag ? ` (${r.rag.toUpperCase()})` : ''} as of ${ukDate(r.asOf)}`;
}
