import { Aim, Person, Plan, Priority, Target, Update } from '../../models';
import { PLAN_FORMAT, type PlanFile } from '../plan-file/schema';
import { compact, unscoped } from './documents';

export class PlanNotFoundError extends Error {}

type Stored = Record<string, unknown>;
const strip = (doc: Stored, ...fields: string[]) => {
  const out: Stored = { ...doc };
  for (const f of ['_id', 'plan', 'order', 'createdAt', 'updatedAt', ...fields]) delete out[f];
  return out;
};

/** Reads a whole plan back into the file structure, in the order it was imported. */
export async function exportPlan(planId: string): Promise<PlanFile> {
  const plan = (await Plan.findById(planId).lean()) as Stored | null;
  if (!plan) throw new PlanNotFoundError(`There is no plan "${planId}" in the database.`);
  const byOrder = { order: 1 as const };
  const [aims, priorities, targets, updates] = await Promise.all([
    Aim.find({ plan: planId }).sort(byOrder).lean(),
    Priority.find({ plan: planId }).sort(byOrder).lean(),
    Target.find({ plan: planId }).sort(byOrder).lean(),
    Update.find({ plan: planId }).sort({ at: 1, _id: 1 }).lean(),
  ]);
  const people = await Person.find({ plans: planId }).sort({ _id: 1 }).lean();

  const targetsOf = new Map<string, Stored[]>();
  for (const t of targets as Stored[]) {
    const entry = { id: t.key, ...strip(t, 'key', 'priority', 'latest', 'previous') };
    targetsOf.set(String(t.priority), [...(targetsOf.get(String(t.priority)) ?? []), entry]);
  }
  const file = {
    format: PLAN_FORMAT,
    plan: { id: plan._id, ...strip(plan, 'revision') },
    aims: (aims as Stored[]).map((a) => ({ id: a.key, ...strip(a, 'key') })),
    priorities: (priorities as Stored[]).map((p) => ({
      id: p.key,
      ...strip(p, 'key'),
      targets: targetsOf.get(String(p.key)) ?? [],
    })),
    people: (people as Stored[]).map((p) => ({ id: p._id, ...strip(p, 'plans') })),
    updates: (updates as Stored[]).map((u) =>
      compact({
        id: unscoped(String(u._id)),
        ...strip(u, 'target'),
        target: u.target,
        at: (u.at as Date).toISOString(),
      }),
    ),
  };
  return file as unknown as PlanFile;
}

/** Every plan in the database, for `plan list` and the default export. */
export async function listPlans(): Promise<
  { id: string; title: string; organisation: string; status: string }[]
> {
  const plans = await Plan.find({}, { title: 1, organisation: 1, status: 1 }).sort({ _id: 1 }).lean();
  return plans.map((p) => ({
    id: String(p._id),
    title: p.title,
    organisation: p.organisation,
    status: p.status,
  }));
}
