import type { Path } from '../plan-file/problems';
import { matrixOf, scaleHelp, stepOf, type RiskMatrix } from './matrix';
import type { RiskEntry, RiskMatrixEntry } from './schema';

/** What the register's checks need of a plan file (services/plan-file/schema.ts `PlanFile`). */
export interface RiskFile {
  plan: { id: string; riskMatrix?: RiskMatrixEntry };
  aims: { id: string }[];
  priorities: { id: string; targets: { id: string }[] }[];
  risks: RiskEntry[];
}

const POSITION_FIELDS = [
  ['probability', 'probability'],
  ['impact', 'impact'],
  ['targetProbability', 'probability'],
  ['targetImpact', 'impact'],
] as const;

/**
 * Checks the risk register against the rest of the file, as a schema cannot: ids unique; every
 * probability and impact (current and target) a label of the plan's scales (a risk scored outside
 * the matrix is refused, naming the row and field); owners among the plan's people; links to an aim,
 * priority or target of this plan. A link "<other plan>:<key>" is left to the contributes-to checks
 * of the linked plans (services/plan-file/references.ts), which know the database's plans.
 */
export function riskProblems(
  file: RiskFile,
  isPerson: (email: string) => boolean,
): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const matrix: RiskMatrix = matrixOf({
    riskMatrix: {
      probability: file.plan.riskMatrix?.probability,
      impact: file.plan.riskMatrix?.impact,
      bands: file.plan.riskMatrix?.bands,
    },
  });
  const items = new Set([
    ...file.aims.map((a) => a.id),
    ...file.priorities.flatMap((p) => [p.id, ...p.targets.map((t) => t.id)]),
  ]);
  const seen = new Set<string>();
  file.risks.forEach((r, i) => {
    const at = (field: string): Path => ['risks', i, field];
    if (seen.has(r.id)) problems.push({ path: at('id'), message: `the risk id "${r.id}" is used twice` });
    seen.add(r.id);
    for (const [field, scale] of POSITION_FIELDS) {
      const label = r[field];
      if (label !== undefined && !stepOf(matrix[scale], label))
        problems.push({
          path: at(field),
          message: `"${label}" is not on the plan's ${scale} scale (expected one of: ${scaleHelp(matrix[scale])})`,
        });
    }
    if ((r.targetProbability === undefined) !== (r.targetImpact === undefined))
      problems.push({
        path: at(r.targetProbability === undefined ? 'targetProbability' : 'targetImpact'),
        message: 'give both targetProbability and targetImpact, or neither',
      });
    if (r.owner && !isPerson(r.owner))
      problems.push({ path: at('owner'), message: `"${r.owner}" is not in people` });
    r.actions.forEach((a, j) => {
      if (a.owner && !isPerson(a.owner))
        problems.push({
          path: ['risks', i, 'actions', j, 'owner'],
          message: `"${a.owner}" is not in people`,
        });
    });
    r.links.forEach((link, j) => {
      const colon = link.indexOf(':');
      const plan = colon < 0 ? file.plan.id : link.slice(0, colon);
      const itemKey = link.slice(colon + 1);
      if (plan === file.plan.id && !items.has(itemKey))
        problems.push({
          path: ['risks', i, 'links', j],
          message: `"${link}" is not an aim, priority or target of this plan`,
        });
    });
  });
  return problems;
}

/**
 * The register as stored documents (models/risk.ts): positions written as their scale codes (a file
 * may name "Low" for "D"), keyed `${plan}:${id}`, in file order.
 */
export function riskDocuments(
  planId: string,
  risks: RiskEntry[],
  riskMatrix: RiskMatrixEntry | undefined,
): ({ _id: string } & Record<string, unknown>)[] {
  const matrix = matrixOf({ riskMatrix });
  const code = (scale: 'probability' | 'impact', label: string | undefined) =>
    label === undefined ? undefined : (stepOf(matrix[scale], label)?.code ?? label);
  return risks.map(
    ({ id, ...r }, order) =>
      Object.fromEntries(
        Object.entries({
          _id: `${planId}:${id}`,
          plan: planId,
          key: id,
          ...r,
          probability: code('probability', r.probability),
          impact: code('impact', r.impact),
          targetProbability: code('probability', r.targetProbability),
          targetImpact: code('impact', r.targetImpact),
          order,
        }).filter(([, v]) => v !== undefined),
      ) as { _id: string } & Record<string, unknown>,
  );
}
