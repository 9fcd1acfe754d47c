/**
 * A plan's risk matrix: probability × impact, and how a position on it scores.
 *
 * Source: Melton Borough Council, Policy, Finance and Administration Committee, 2 March 2011,
 * "9.0 Risks" (seed 004). It prints a grid with probability down the side, highest at the top —
 * A Very High, B High, C Significant, D Low, E Very Low, F Almost Impossible — and impact along
 * the bottom, least at the left — IV Negligible, III Marginal, II Critical, I Catastrophic — and
 * writes each risk's number in its cell (risks 1 and 2 at D / III). Both scales here are listed
 * highest first (A first, I first), as the seed names them; the picture puts the least impact at
 * the left, as the seed draws it.
 *
 * The seed prints no score and no shading, so the rest is this product's rule, configurable per
 * plan (`plan.riskMatrix`): a position scores its probability's rank from the bottom (F = 1 … A = 6)
 * times its impact's rank from the least (IV = 1 … I = 4), the usual multiplicative reading of such
 * a grid, 1–24 on Melton's scales; the score falls in the first band whose `from` it reaches,
 * by default High from 12, Medium from 6, Low from 1.
 */

/** One step of a scale: its code as written in the plan file and on the grid, and its name. */
export interface ScaleStep {
  code: string;
  name: string;
}
/** A band of scores, shown as a word on the grid and in chat; `from` is its lowest score. */
export interface Band {
  name: string;
  from: number;
}
export interface RiskMatrix {
  /** Highest first: A Very High … F Almost Impossible. */
  probability: ScaleStep[];
  /** Most severe first: I Catastrophic … IV Negligible. */
  impact: ScaleStep[];
  /** Highest first; the last band's `from` is 1. */
  bands: Band[];
}

/** Melton's scales (seed 004) with this product's default bands. */
export const MELTON_MATRIX: RiskMatrix = {
  probability: [
    { code: 'A', name: 'Very High' },
    { code: 'B', name: 'High' },
    { code: 'C', name: 'Significant' },
    { code: 'D', name: 'Low' },
    { code: 'E', name: 'Very Low' },
    { code: 'F', name: 'Almost Impossible' },
  ],
  impact: [
    { code: 'I', name: 'Catastrophic' },
    { code: 'II', name: 'Critical' },
    { code: 'III', name: 'Marginal' },
    { code: 'IV', name: 'Negligible' },
  ],
  bands: [
    { name: 'High', from: 12 },
    { name: 'Medium', from: 6 },
    { name: 'Low', from: 1 },
  ],
};

/** A plan's matrix as stored or read from a file: any part may be missing. */
interface StoredMatrix {
  probability?: readonly { code?: string | null; name?: string | null }[] | null;
  impact?: readonly { code?: string | null; name?: string | null }[] | null;
  bands?: readonly { name?: string | null; from?: number | null }[] | null;
}

/** The matrix a plan uses: its own scales and bands where it gives them, Melton's otherwise. */
export function matrixOf(plan: { riskMatrix?: StoredMatrix | null } | null | undefined): RiskMatrix {
  const m = plan?.riskMatrix;
  const steps = (s: StoredMatrix['probability']) =>
    (s ?? []).map((x) => ({ code: x.code ?? '', name: x.name ?? '' }));
  return {
    probability: m?.probability?.length ? steps(m.probability) : MELTON_MATRIX.probability,
    impact: m?.impact?.length ? steps(m.impact) : MELTON_MATRIX.impact,
    bands: m?.bands?.length
      ? m.bands.map((b) => ({ name: b.name ?? '', from: b.from ?? 1 }))
      : MELTON_MATRIX.bands,
  };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The step a label names, by its code ("D") or its name ("Low"), ignoring case; undefined if none. */
export function stepOf(scale: ScaleStep[], label: string): ScaleStep | undefined {
  return scale.find((s) => same(s.code, label)) ?? scale.find((s) => same(s.name, label));
}

/** "A (Very High), B (High), …": what a refusal lists as the labels it takes. */
export const scaleHelp = (scale: ScaleStep[]) => scale.map((s) => `${s.code} (${s.name})`).join(', ');

/** A scored position: codes, the 1-based ranks from the bottom, the score and its band. */
export interface Position {
  probability: ScaleStep;
  impact: ScaleStep;
  score: number;
  band: string;
}

/**
 * Scores a position (codes or names) on `matrix`: rank of probability from the least likely times
 * rank of impact from the least severe. Undefined when either label is not on its scale.
 */
export function score(matrix: RiskMatrix, probability: string, impact: string): Position | undefined {
  const p = stepOf(matrix.probability, probability);
  const i = stepOf(matrix.impact, impact);
  if (!p || !i) return undefined;
  const value =
    (matrix.probability.length - matrix.probability.indexOf(p)) *
    (matrix.impact.length - matrix.impact.indexOf(i));
  return { probability: p, impact: i, score: value, band: bandOf(matrix, value) };
}

/** The band a score falls in: the first (highest) whose `from` it reaches; the last band otherwise. */
export function bandOf(matrix: RiskMatrix, value: number): string {
  return (matrix.bands.find((b) => value >= b.from) ?? matrix.bands[matrix.bands.length - 1])?.name ?? '';
}

/** "D/III — Low probability, Marginal impact: 6 (Medium)". */
export function positionText(p: Position): string {
  return `${p.probability.code}/${p.impact.code} — ${p.probability.name} probability, ${p.impact.name} impact: ${p.score} (${p.band})`;
}
