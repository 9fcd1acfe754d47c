/** The parts of a plan its level names come from. */
export interface Levelled {
  levels?: readonly string[] | null;
  vocabulary?: { aim?: string | null; priority?: string | null; target?: string | null } | null;
}

/**
 * The names of a plan's levels from the top, in its own words: `plan.levels` when it names them
 * (at least two), else its vocabulary's three (Leicester: Strategic aim, Priority, Headline
 * milestone or target), else Aim, Priority, Target. Level 1 (index 0) is the aims, 2 the
 * priorities, 3 and below the targets.
 */
export function levelNames(plan: Levelled | undefined): string[] {
  if (plan?.levels && plan.levels.length >= 2) return [...plan.levels];
  const words = plan?.vocabulary ?? {};
  return [words.aim || 'Aim', words.priority || 'Priority', words.target || 'Target'];
}

/**
 * The name of level `index` (0-based) of a plan. A plan of two levels (Melton: Priority,
 * Improvement plan item) may still hold targets under its items: they are called by the
 * vocabulary's word for a target, or "Target".
 */
export function levelName(plan: Levelled | undefined, index: number): string {
  return levelNames(plan)[index] ?? plan?.vocabulary?.target ?? 'Target';
}

/** The 0-based index of a level named in a file ("kpi" finds "KPI"); undefined for none. */
export function levelIndex(plan: Levelled | undefined, name: string): number | undefined {
  const wanted = name.trim().toLowerCase();
  const found = levelNames(plan).findIndex((n) => n.toLowerCase() === wanted);
  return found >= 0 ? found : undefined;
}
