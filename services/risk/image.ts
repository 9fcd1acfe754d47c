import { Plan } from '../../models';
import type { File } from '../files';
import { loadRisks } from './read';
import { matrixOf } from './matrix';
import { riskMatrixPng } from './matrix-image';

/**
 * `/files/risks/<plan>/matrix.png` (the caller has checked the link's signature): the plan's matrix
 * with its open risks in their cells, drawn now, so a re-scored risk has moved. Undefined when
 * there is no such plan.
 */
export async function matrixFile(planId: string): Promise<File | undefined> {
  const plan = await Plan.findById(planId, { title: 1, riskMatrix: 1 }).lean();
  if (!plan) return undefined;
  const risks = await loadRisks([planId]);
  return {
    contentType: 'image/png',
    filename: `${planId}-risk-matrix.png`,
    body: await riskMatrixPng(
      `Risk matrix: ${plan.title}`,
      matrixOf(plan),
      risks.map(({ risk }) => ({ id: risk.key, probability: risk.probability, impact: risk.impact })),
    ),
  };
}
