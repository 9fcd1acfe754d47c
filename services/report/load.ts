import { Aim, Cycle, CycleTarget, Person, Plan, Priority, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { anyOf } from '../../models/operators';
import type { TargetDoc } from '../../models/target';
import { planEndOf } from '../measure/period';
import type { TargetEntry } from '../plan/snapshot';
import { buildReport, type ReportInput, type ReportModel } from './model';
import { risksThreatening } from '../risk/report';

export type StoredCycle = CycleDoc & { _id: string };

/** A report and its targets as the measure code reads them (by key), for the charts. */
export interface LoadedReport {
  model: ReportModel;
  targetOf: Map<string, TargetEntry>;
}

/**
 * Reads a cycle's performance report from the database (not the chat snapshot, which may be a
 * moment old): the cycle's targets (its CycleTarget rows: the scope fixed when it opened), each
 * with the figures it keeps, its aim, priority and owner's name. Undefined when the cycle's plan
 * is gone. Six reads whatever the size: every lookup of many is one `$in` by `_id`.
 */
export async function loadReport(
  cycle: StoredCycle,
  draft: boolean,
  now: Date,
): Promise<LoadedReport | undefined> {
  const [plan, scope] = await Promise.all([
    Plan.findById(cycle.plan, { title: 1, organisation: 1, period: 1, tolerance: 1 }).lean(),
    CycleTarget.find({ cycle: cycle._id }, { target: 1 }).lean(),
  ]);
  if (!plan) return undefined;
  const [targets, aims, priorities] = await Promise.all([
    Target.find({ _id: anyOf(scope.map((s) => s.target)) }).lean() as Promise<TargetDoc[]>,
    Aim.find({ plan: cycle.plan }, { key: 1, title: 1, order: 1 }).lean(),
    Priority.find({ plan: cycle.plan }, { key: 1, code: 1, title: 1, aim: 1, order: 1 }).lean(),
  ]);
  const owners = [...new Set(targets.map((t) => t.owner).filter((o): o is string => !!o))];
  const names = new Map(
    (owners.length ? await Person.find({ _id: anyOf(owners) }, { name: 1 }).lean() : []).map(
      (p) => [String(p._id), p.name] as const,
    ),
  );
  const aimOf = new Map(aims.map((a) => [a.key, a]));
  const priorityOf = new Map(priorities.map((p) => [p.key, p]));
  const planEnd = planEndOf(plan);
  const ordered = targets
    .map((t) => {
      const p = priorityOf.get(t.priority);
      const a = p ? aimOf.get(p.aim) : undefined;
      return { t, p, a };
    })
    .sort(
      (x, y) =>
        (x.a?.order ?? Infinity) - (y.a?.order ?? Infinity) ||
        (x.p?.order ?? Infinity) - (y.p?.order ?? Infinity) ||
        x.t.order - y.t.order,
    );
  const input: ReportInput = {
    cycle,
    plan: { _id: plan._id, title: plan.title, organisation: plan.organisation },
    targets: ordered.map(({ t, p, a }) => ({
      target: {
        ...t,
        ownerName: t.owner ? names.get(t.owner) : undefined,
        planTolerance: plan.tolerance ?? undefined,
        planEnd,
      } as TargetEntry,
      aim: a?.title ?? 'No aim',
      code: p?.code ?? p?.key ?? t.priority,
      priority: p?.title ?? '',
    })),
    draft,
    now,
  };
  const model = buildReport(input);
  // Risks beside the exceptions they threaten (the risk register, services/risk/report.ts).
  const threats = await risksThreatening(
    cycle.plan,
    ordered.map(({ t, p, a }) => ({ key: t.key, priority: p?.key, aim: a?.key })),
  );
  for (const row of model.exceptions) row.risks = threats.get(row.key);
  return {
    model,
    targetOf: new Map(input.targets.map(({ target }) => [target.key, target])),
  };
}

/** A cycle by its id (the report's files name it so). */
export async function cycleById(id: string): Promise<StoredCycle | undefined> {
  return ((await Cycle.findById(id).lean()) as StoredCycle | null) ?? undefined;
}
