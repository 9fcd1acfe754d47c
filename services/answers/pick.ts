import type { PlanSnapshot, PriorityEntry } from '../plan/snapshot';
import { priorityStatus } from './answer';
import { planName } from './plans';
import type { PriorityStatusView } from './views';

/**
 * Priorities to offer in a picker (the Teams message extension): a typed code first (every plan's
 * priority of that code, where several plans share it), then search hits; with nothing typed yet,
 * the plans in their own order, so the picker is never empty. With several plans loaded, each card
 * names its plan.
 */
export function pickPriorities(plan: PlanSnapshot, query: string, limit: number): PriorityStatusView[] {
  const card = (p: PriorityEntry) => {
    const entry = plan.plans.length > 1 ? plan.planById(p.plan) : undefined;
    return priorityStatus(p, entry ? planName(entry) : undefined);
  };
  const typed = query.trim().slice(0, 200);
  if (!typed) return plan.priorities.slice(0, limit).map(card);
  const exact = plan.prioritiesByCode(typed);
  const hits = plan.searchPriorities(typed, limit).map((h) => h.priority);
  const picked = [...exact, ...hits.filter((p) => !exact.includes(p))];
  return picked.slice(0, limit).map(card);
}
