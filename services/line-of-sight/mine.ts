import { listView, LIST_LIMIT } from '../answers/answer';
import { excerpt } from '../answers/format';
import { notice } from '../answers/notice';
import type { ListItemView, View } from '../answers/views';
import type { PlanItem } from '../plan/link-graph';
import type { PlanSnapshot } from '../plan/snapshot';
import { chainText, chainsUp, planHeading, reachesCorporate } from './chain';

/** The asker as line of sight needs them: who they are and their department. */
export interface Member {
  _id: string;
  department?: string | null;
}

/** Where an item of the person's work comes from, which heads its group in the reply. */
type Source = 'objective' | 'owned' | 'team';

/**
 * The items of a plan worth a line: those with their own contributes-to links; where none has
 * any, its priorities (level 2), so an unlinked plan still shows what it holds.
 */
function linkedOrPriorities(items: PlanItem[]): PlanItem[] {
  const linked = items.filter((i) => i.up.length);
  return linked.length ? linked : items.filter((i) => i.kind === 'priority');
}

/**
 * "what do I contribute to?": the person's own objectives (their individual plans' items), the
 * targets they own in any other plan, and their team's and service's items (team and service plans
 * whose `team` is their department), each as a chain up to the corporate aim it serves, in each
 * plan's own level names (services/line-of-sight/chain.ts). One line per chain; lines grouped by
 * plan. Someone with nothing to show is told why and what would change it.
 */
export function lineOfSight(snapshot: PlanSnapshot, person: Member, offset = 0): View {
  const items = snapshot.links.all();
  const department = person.department?.trim().toLowerCase();
  const found: { item: PlanItem; source: Source }[] = [];
  const seen = new Set<PlanItem>();
  const take = (list: PlanItem[], source: Source) => {
    for (const item of list)
      if (!seen.has(item)) {
        seen.add(item);
        found.push({ item, source });
      }
  };
  const plansWhere = (
    test: (kind: string | undefined, p: { person?: string | null; team?: string | null }) => boolean,
  ) => snapshot.plans.filter((p) => test(p.kind ?? undefined, p)).map((p) => p._id);
  for (const plan of plansWhere((kind, p) => kind === 'individual' && p.person === person._id))
    take(linkedOrPriorities(items.filter((i) => i.plan === plan)), 'objective');
  take(
    items.filter((i) => i.owner === person._id),
    'owned',
  );
  if (department)
    for (const plan of plansWhere(
      (kind, p) => (kind === 'team' || kind === 'service') && p.team?.trim().toLowerCase() === department,
    ))
      take(linkedOrPriorities(items.filter((i) => i.plan === plan)), 'team');

  if (found.length === 0)
    return notice(
      `Nothing in the plans links your work to the corporate plan yet: you have no individual objectives, own no targets${
        person.department
          ? `, and no team or service plan belongs to ${person.department}`
          : ', and the plan does not say which department you are in'
      }. Ask your manager or the policy team to add your objectives, with what each contributes to, to a plan file.`,
      ['my targets', 'what are the strategic aims?'],
    );

  // Individual objectives first, then what they own, then the team's and service's plans.
  const order: Source[] = ['objective', 'owned', 'team'];
  const lines: ListItemView[] = found
    .sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source))
    .flatMap(({ item, source }) => linesFor(item, source, snapshot, person._id));
  const linked = found.filter(({ item }) => chainsUp(item).some((c) => reachesCorporate(c, snapshot))).length;
  const intro = `${linked} of ${found.length} ${found.length === 1 ? 'item' : 'items'} of your work ${
    linked === 1 ? 'leads' : 'lead'
  } up to the corporate plan. Each line follows what it contributes to, in each plan's own words.`;
  return listView('What you contribute to', lines, 'what do I contribute to?', intro, LIST_LIMIT, offset);
}

/** An item's lines: one per chain up, grouped under its plan. */
function linesFor(item: PlanItem, source: Source, snapshot: PlanSnapshot, asker: string): ListItemView[] {
  const plan = snapshot.planById(item.plan);
  return chainsUp(item).map((chain) => {
    const rest = chain.slice(1);
    const reaches = reachesCorporate(chain, snapshot);
    return {
      code: item.kind === 'aim' ? '' : item.code,
      title: `${source === 'owned' ? `You own this ${item.levelName.toLowerCase()}` : item.levelName}: ${excerpt(item.title, 120)}${item.status === 'deleted' ? ' (deleted)' : ''}`,
      detail: [
        rest.length
          ? `→ ${chainText(rest, snapshot, asker, item.plan)}`
          : 'It is not linked to anything above it.',
        reaches ? '' : 'Not yet linked to the corporate plan.',
      ]
        .filter(Boolean)
        .join(' '),
      ...(item.target?.latest?.rag ? { rag: item.target.latest.rag } : {}),
      ...(item.status === 'deleted' && item.statusNote
        ? { reason: `Deleted: ${excerpt(item.statusNote, 160)}` }
        : {}),
      planId: item.plan,
      group: planHeading(plan, snapshot, asker),
    };
  });
}
