import type { PlanSnapshot } from '../plan/snapshot';
import { priorityStatus } from './answer';
import type { PriorityStatusView } from './views';

/**
 * Priorities to offer in a picker (the Teams message extension): a typed code first, then search
 * hits; with nothing typed yet, the plan in its own order, so the picker is never empty.
 */
export function pickPriorities(plan: PlanSnapshot, query: string, limit: number): PriorityStatusView[] {
  const typed = query.trim().slice(0, 200);
  if (!typed) return plan.priorities.slice(0, limit).map(priorityStatus);
  const exact = plan.priorityByCode(typed);
  const hits = plan.searchPriorities(typed, limit).map((h) => h.priority);
  const picked = exact ? [exact, ...hits.filter((p) => p !== exact)] : hits;
  return picked.slice(0, limit).map(priorityStatus);
}
