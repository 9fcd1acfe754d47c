import { ragReason } from '../answers/target-view';
import { excerpt, ukDate } from '../answers/format';
import { LIST_LIMIT, listView } from '../answers/answer';
import { figureText } from '../answers/figures';
import { notice } from '../answers/notice';
import { groupByPlan } from '../answers/plans';
import type { ListItemView, View } from '../answers/views';
import type { PlanSnapshot, PriorityEntry, TargetEntry } from '../plan/snapshot';
import { askedInOpenCycles, type Asked } from './asked';
import { openForm } from './open-form';
import { mayUpdate, type Actor } from './permission';

type Mine = { priority: PriorityEntry; target: TargetEntry };

/** One target as a line of a list: where it stands in the open cycle, with its form's button. */
function line({ priority, target }: Mine, asked: Asked | undefined, person: Actor): ListItemView {
  const latest = target.latest ? `Latest: ${figureText(target.latest, target)}` : 'No update yet';
  const cycle = asked
    ? asked.submitted
      ? `${asked.cycle.name}: reported`
      : `${asked.cycle.name}: to report by ${ukDate(asked.cycle.dueOn)}`
    : undefined;
  const role = target.owner !== person._id && target.deputy === person._id ? 'You are the deputy' : undefined;
  return {
    code: priority.code ?? 'no code',
    title: excerpt(target.text, 120),
    detail: [role, cycle, latest].filter(Boolean).join(' · '),
    ...(target.latest?.rag ? { rag: target.latest.rag, reason: ragReason(target) } : {}),
    ...(asked ? { update: { cycle: asked.cycle._id, target: target._id } } : {}),
    planId: priority.plan,
  };
}

/** A list of this person's targets, named by its plan, or grouped by plan when they span several. */
function ownList(
  plan: PlanSnapshot,
  title: string,
  lines: ListItemView[],
  ask: string,
  intro: string | undefined,
  limit: number,
  offset = 0,
): View {
  const grouped = groupByPlan(lines, plan);
  const view = listView(title, grouped.items, ask, intro, limit, offset);
  if (grouped.plan && view.kind === 'list') view.plan = grouped.plan;
  return view;
}

/** Those asked for and not yet reported first, each group in plan order. */
const waitingFirst = (items: Mine[], asked: Map<string, Asked>) => [
  ...items.filter((m) => asked.has(m.target._id) && !asked.get(m.target._id)?.submitted),
  ...items.filter((m) => !asked.has(m.target._id) || asked.get(m.target._id)?.submitted),
];

/**
 * "my targets": the targets a person owns or deputises for, those waiting for an update in an open
 * monitoring cycle first, each with a button that opens its update form.
 */
export async function myTargets(plan: PlanSnapshot, person: Actor, offset = 0): Promise<View> {
  const mine = plan.priorities.flatMap((priority) =>
    priority.targets
      .filter((t) => t.owner === person._id || t.deputy === person._id)
      .map((target) => ({ priority, target })),
  );
  if (mine.length === 0) return notice('No targets in the plan name you as owner or deputy.');
  const asked = await askedInOpenCycles(mine.map((m) => m.target._id));
  const waiting = mine.filter((m) => asked.has(m.target._id) && !asked.get(m.target._id)?.submitted);
  const cycles = [...new Set(waiting.map((m) => asked.get(m.target._id)?.cycle.name))];
  const intro = waiting.length
    ? `${waiting.length} to report in ${cycles.join(' and ')}: press "Update this target" to fill in the form.`
    : undefined;
  return ownList(
    plan,
    'Your targets',
    waitingFirst(mine, asked).map((m) => line(m, asked.get(m.target._id), person)),
    'my targets',
    intro,
    LIST_LIMIT,
    offset,
  );
}

/**
 * "update ED.1" (or a target, "update ED.1/2"): the update form, when one target of it is waiting
 * for this person in an open cycle; a list to choose from when several are; otherwise what stops it.
 */
export async function updateOnDemand(
  code: string,
  plan: PlanSnapshot,
  person: Actor,
  now: Date = new Date(),
): Promise<View> {
  // Every plan's priority of that code: the person's own targets among them are the ones they mean.
  const priorities = plan.prioritiesByCode(code);
  const priority = priorities[0];
  const wanted = code.toLowerCase();
  const targets: Mine[] = priority
    ? priorities.flatMap((p) => p.targets.map((target) => ({ priority: p, target })))
    : plan.priorities.flatMap((p) =>
        p.targets.filter((t) => t.key.toLowerCase() === wanted).map((target) => ({ priority: p, target })),
      );
  const name = priority?.code ?? targets[0]?.target.key ?? code.toUpperCase();
  if (targets.length === 0) {
    const near = plan.closestCodes(code);
    return notice(
      `I couldn't find ${name} in the plan${near.length ? ` — did you mean ${near.length > 1 ? `${near.slice(0, -1).join(', ')} or ${near.at(-1)}` : near[0]}?` : '.'}`,
      near.slice(0, 3).map((c) => `update ${c}`),
    );
  }
  const mine = targets.filter((m) => mayUpdate(person, m.target));
  if (mine.length === 0) {
    const owners = [...new Set(targets.map((m) => m.target.ownerName ?? m.target.owner).filter(Boolean))];
    return notice(
      `Only the owner${owners.length ? ` (${owners.join(', ')})` : ''}, the deputy or the policy team can report on ${name}.`,
      [`status of ${name}`, 'my targets'],
    );
  }
  const asked = await askedInOpenCycles(mine.map((m) => m.target._id));
  const inCycle = mine.filter((m) => asked.has(m.target._id));
  if (inCycle.length === 0)
    return notice(
      `${name} is not asked for in an open monitoring cycle, so there is no update form for it just now. When the policy team opens a cycle, the form comes to you.`,
      [`status of ${name}`, 'my targets'],
    );
  const waiting = inCycle.filter((m) => !asked.get(m.target._id)?.submitted);
  const only = waiting.length === 1 ? waiting[0] : inCycle.length === 1 ? inCycle[0] : undefined;
  if (only) {
    const a = asked.get(only.target._id);
    if (a) return openForm(a.cycle._id, only.target._id, person._id, now);
  }
  return ownList(
    plan,
    `${name}: which target?`,
    waitingFirst(inCycle, asked).map((m) => line(m, asked.get(m.target._id), person)),
    `update ${name}`,
    'Choose the target to report on.',
    100,
  );
}
