import { listView, LIST_LIMIT } from '../answers/answer';
import { excerpt } from '../answers/format';
import { notice } from '../answers/notice';
import { whichPlan } from '../answers/plans';
import { ragReason } from '../answers/target-view';
import type { ListItemView, View } from '../answers/views';
import type { PlanItem } from '../plan/link-graph';
import type { PlanSnapshot } from '../plan/snapshot';
import { planHeading } from './chain';

/** How deep the chain down is followed: corporate → service → team → person and their measures. */
const MAX_DEPTH = 8;

interface Found {
  item: PlanItem;
  depth: number;
  /** The item it contributes to, and whether by a link (`to`) or by sitting under it (`in`). */
  via: PlanItem;
  how: 'to' | 'in';
}

/**
 * The item a typed name means: "leicester-2003:ED.1" (a reference), a target's key ("ED.1/2") or a
 * priority code in any spelling ("ed1"). Several plans may print the code: the plan named in the
 * question, else the one whose item others contribute to, else the person is asked which.
 */
export function findItem(
  typed: string,
  snapshot: PlanSnapshot,
  named?: string,
): { item?: PlanItem; ask?: View } {
  const ref = snapshot.links.byReference(typed);
  if (ref) return { item: ref };
  const wanted = typed.trim().toLowerCase();
  const targets = snapshot.links
    .all()
    .filter((i) => i.kind === 'target' && i.key.toLowerCase() === wanted && (!named || i.plan === named));
  const priorities = snapshot
    .prioritiesByCode(typed)
    .filter((p) => !named || p.plan === named)
    .map((p) => snapshot.links.byReference(`${p.plan}:${p.key}`))
    .filter((i): i is PlanItem => !!i);
  const candidates = [...priorities, ...targets];
  if (candidates.length <= 1) return { item: candidates[0] };
  const linked = candidates.filter((c) => contributorsOf(c).length);
  if (linked.length === 1) return { item: linked[0] };
  const first = candidates[0] as PlanItem;
  return {
    ask: whichPlan(
      first.code,
      `who contributes to ${first.code}`,
      [...new Set(candidates.map((c) => c.plan))],
      snapshot,
    ),
  };
}

/**
 * Everything that contributes to an item, depth first: items linked to it or to anything under it
 * in its own plan, then what sits under and links to each of those, and so on (services, teams,
 * people). The item's own plan's structure is not listed: its status card shows that.
 */
export function contributorsOf(root: PlanItem): Found[] {
  const found: Found[] = [];
  const seen = new Set<PlanItem>([root]);
  const visit = (item: PlanItem, depth: number, via: PlanItem, how: Found['how']) => {
    if (seen.has(item) || depth > MAX_DEPTH) return;
    seen.add(item);
    found.push({ item, depth, via, how });
    for (const child of item.children) visit(child, depth + 1, item, 'in');
    for (const c of item.down) visit(c, depth + 1, item, 'to');
  };
  const own = (item: PlanItem, guard: Set<PlanItem>): void => {
    if (guard.has(item)) return;
    guard.add(item);
    for (const c of item.down) visit(c, 1, item, 'to');
    for (const child of item.children) own(child, guard);
  };
  own(root, new Set());
  return found;
}

/**
 * "who contributes to ED.1?": the chain down from an item — the service, team and individual plan
 * items that contribute to it or to its targets — each with its owner and its latest RAG and why,
 * grouped by plan (the plan nearest the item first), indented by how far down the chain it is.
 */
export function whoContributes(typed: string, snapshot: PlanSnapshot, named?: string, offset = 0): View {
  const { item, ask } = findItem(typed, snapshot, named);
  if (ask) return ask;
  if (!item) {
    const near = snapshot.closestCodes(typed);
    return notice(
      `I couldn't find ${typed.toUpperCase()} in any plan${near.length ? ` — did you mean ${near.join(' or ')}?` : '.'}`,
      near.map((c) => `who contributes to ${c}`),
    );
  }
  const found = contributorsOf(item);
  if (found.length === 0)
    return notice(
      `No service, team or individual plan says it contributes to ${item.code} yet. A plan file links an item to it with contributesTo: ["${item.ref}"].`,
      [`status of ${item.code}`],
    );
  // Plans in the order the chain first reaches them; within a plan, the chain's order.
  const rank = new Map<string, number>();
  for (const f of [...found].sort((a, b) => a.depth - b.depth))
    if (!rank.has(f.item.plan)) rank.set(f.item.plan, rank.size);
  const ordered = found
    .map((f, n) => ({ f, n }))
    .sort((a, b) => (rank.get(a.f.item.plan) ?? 0) - (rank.get(b.f.item.plan) ?? 0) || a.n - b.n)
    .map(({ f }) => f);
  const lines: ListItemView[] = ordered.map(({ item: i, depth, via, how }) => {
    const owner = i.owner ? (snapshot.people.get(i.owner)?.name ?? i.owner) : undefined;
    const target = i.target;
    return {
      // Indented by depth: an em space a level, then the arrow.
      code: `${'\u2003'.repeat(depth - 1)}↳ ${i.kind === 'aim' ? i.levelName : i.code}`,
      title: `${excerpt(i.title, 120)}${i.status === 'deleted' ? ' (deleted)' : ''}`,
      detail: [
        i.kind === 'aim' ? '' : i.levelName,
        owner ? `Owner: ${owner}` : '',
        `${how === 'to' ? 'contributes to' : 'part of'} ${via.kind === 'aim' ? `"${excerpt(via.title, 50)}"` : via.code}`,
        target && !target.latest ? 'No update yet' : '',
        i.status === 'deleted' && i.statusNote ? `Deleted: ${excerpt(i.statusNote, 100)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      ...(target?.latest?.rag ? { rag: target.latest.rag } : {}),
      ...(target ? withReason(ragReason(target)) : {}),
      planId: i.plan,
      group: planHeading(snapshot.planById(i.plan), snapshot),
    };
  });
  const plans = rank.size;
  const intro = `${found.length} ${found.length === 1 ? 'item' : 'items'} in ${plans} ${plans === 1 ? 'plan' : 'plans'} contribute to ${item.levelName} ${item.code}: ${excerpt(item.title, 80)}`;
  return listView(
    `Who contributes to ${item.code}`,
    lines,
    `who contributes to ${item.ref}`,
    intro,
    LIST_LIMIT,
    offset,
  );
}

const withReason = (reason: string | undefined) => (reason ? { reason } : {});
