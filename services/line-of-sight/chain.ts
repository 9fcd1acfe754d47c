import { excerpt } from '../answers/format';
import { planName } from '../answers/plans';
import type { PlanItem } from '../plan/link-graph';
import type { PlanEntry, PlanSnapshot } from '../plan/snapshot';

/** Most chains an item's line shows when it contributes to several things, and steps per chain. */
const MAX_CHAINS = 3;
const MAX_STEPS = 12;

/**
 * The chains up from an item to what it finally serves: at each step, what the item contributes
 * to (its links), else what it sits under in its own plan; a chain ends at an item with neither
 * (normally a corporate aim). Several links make several chains, at most MAX_CHAINS. A loop (which
 * an import refuses) ends the chain where it would repeat.
 */
export function chainsUp(item: PlanItem): PlanItem[][] {
  const chains: PlanItem[][] = [];
  const walk = (at: PlanItem, path: PlanItem[]) => {
    if (chains.length >= MAX_CHAINS) return;
    const next = [...path, at];
    const onward = (at.up.length ? at.up : at.under ? [at.under] : []).filter((n) => !next.includes(n));
    if (onward.length === 0 || next.length >= MAX_STEPS) {
      chains.push(next);
      return;
    }
    for (const n of onward) walk(n, next);
  };
  walk(item, []);
  return chains;
}

/**
 * Who a plan is, in a chain or a heading: "Your objectives", "Ann Owner's objectives", "Team plan
 * (Housing Options)", "Service plan (Housing)", or the council ("Leicester City Council").
 */
export function planLabel(plan: PlanEntry | undefined, snapshot: PlanSnapshot, asker?: string): string {
  if (!plan) return 'a plan no longer loaded';
  switch (plan.kind) {
    case 'individual': {
      if (plan.person && plan.person === asker) return 'Your objectives';
      const name = plan.person ? (snapshot.people.get(plan.person)?.name ?? plan.person) : 'Someone';
      return `${name}'s objectives`;
    }
    case 'team':
      return `Team plan (${plan.team ?? plan.title})`;
    case 'service':
      return `Service plan (${plan.team ?? plan.title})`;
    default:
      return plan.organisation;
  }
}

/** A group heading for a plan's lines: who it is and the plan's name. */
export function planHeading(plan: PlanEntry | undefined, snapshot: PlanSnapshot, asker?: string): string {
  if (!plan) return 'A plan no longer loaded';
  const label = planLabel(plan, snapshot, asker);
  return label === plan.organisation ? planName(plan) : `${label} · ${planName(plan)}`;
}

/** "Priority ED.1: Raise attainment of all pupils" — an aim without a printed code by its title alone. */
export function stepText(item: PlanItem, words = 70): string {
  const code = item.kind === 'aim' ? (item.code !== item.key ? item.code : '') : item.code;
  const deleted = item.status === 'deleted' ? ' (deleted)' : '';
  return `${item.levelName}${code ? ` ${code}` : ''}: ${excerpt(item.title, words)}${deleted}`;
}

/**
 * A chain as one line: each step in its plan's words, the plan named where the chain enters it —
 * "Team plan (Housing Options) — Action HO.2: … → Leicester City Council — Priority ED.1: … →
 * Strategic aim: Education". `from` is the plan the reader is already in (not named again).
 */
export function chainText(chain: PlanItem[], snapshot: PlanSnapshot, asker?: string, from?: string): string {
  let plan = from;
  return chain
    .map((item) => {
      const named =
        item.plan === plan ? '' : `${planLabel(snapshot.planById(item.plan), snapshot, asker)} — `;
      plan = item.plan;
      return `${named}${stepText(item)}`;
    })
    .join(' → ');
}

/** Whether a chain reaches the council's corporate plan (a plan of kind corporate, the default). */
export function reachesCorporate(chain: PlanItem[], snapshot: PlanSnapshot): boolean {
  const last = chain.at(-1);
  const kind = last ? snapshot.planById(last.plan)?.kind : undefined;
  return !!last && (kind ?? 'corporate') === 'corporate';
}
