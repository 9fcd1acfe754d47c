import { Aim, Plan, Priority, Target } from '../../models';
import type { KnownItem, KnownPlans } from './links';
import { nodeId } from './links';

/**
 * Every plan in the database with its items' keys, places and links, for checking a file's
 * contributes-to links against the others (services/plan/links.ts). One query per collection,
 * only the fields the checks read: an import pays this once, never a chat reply.
 */
export async function loadKnownPlans(): Promise<KnownPlans> {
  const [plans, aims, priorities, targets] = await Promise.all([
    Plan.find({}, { kind: 1, person: 1 }).lean(),
    Aim.find({}, { plan: 1, key: 1, contributesTo: 1 }).lean(),
    Priority.find({}, { plan: 1, key: 1, aim: 1, contributesTo: 1 }).lean(),
    Target.find({}, { plan: 1, key: 1, priority: 1, parent: 1, contributesTo: 1 }).lean(),
  ]);
  const personOf = new Map(
    plans.filter((p) => p.kind === 'individual' && p.person).map((p) => [String(p._id), p.person ?? '']),
  );
  const items: KnownItem[] = [
    ...aims.map((a) => ({
      plan: a.plan,
      key: a.key,
      kind: 'aim' as const,
      contributesTo: a.contributesTo ?? [],
    })),
    ...priorities.map((p) => ({
      plan: p.plan,
      key: p.key,
      kind: 'priority' as const,
      under: nodeId('aim', p.plan, p.aim),
      contributesTo: p.contributesTo ?? [],
      person: personOf.get(p.plan),
    })),
    ...targets.map((t) => ({
      plan: t.plan,
      key: t.key,
      kind: 'target' as const,
      under: t.parent ? nodeId('target', t.plan, t.parent) : nodeId('priority', t.plan, t.priority),
      contributesTo: t.contributesTo ?? [],
      person: personOf.get(t.plan),
    })),
  ];
  return {
    plans: plans.map((p) => ({
      id: String(p._id),
      kind: p.kind ?? undefined,
      person: p.person ?? undefined,
    })),
    items,
  };
}
