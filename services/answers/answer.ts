import type { Rag } from '../../models/rag';
import type { PlanEntry, PlanSnapshot, PriorityEntry, TargetEntry } from '../plan/snapshot';
import { figureText } from './figures';
import { keptPerObject } from './kept';
import { ragReason, targetView, withStatus } from './target-view';
import { excerpt } from './format';
import { piKey, piKeys } from '../plan/pi-codes';
import type { QuestionIntent } from './intent';
import { LIST_LIMIT, pageAsk } from './paging';
import { searchLines } from './search-lines';
import {
  choosePlans,
  planList,
  planName,
  plansList,
  preferredPlan,
  whichPlan,
  askIn,
  type PlanContext,
} from './plans';
import type { ListItemView, PriorityStatusView, View } from './views';

export { LIST_LIMIT };

export const HELP_EXAMPLES = [
  'status of ED.1',
  'ed1',
  'show the education priorities',
  "what's off track?",
  'anything about recycling?',
  'BV 38',
  'what are the strategic aims?',
  'values',
  'my targets',
  'update ED.1',
  'history of ED.1',
  'what do I contribute to?',
  'who contributes to ED.1?',
  'pending sign-offs',
  'top risks',
];

export interface Asker {
  /** The person's id (work email) when the bot knows who is asking. */
  personId?: string;
}

/**
 * Answers one understood question from the in-memory plans. Never empty, never a bare "no". A list
 * shows LIST_LIMIT items from `offset` (0-based; from "more: … @8"), with a "Show more" for the next.
 * Where several plans are loaded, an answer keeps to the plan the question named, else prefers the
 * asker's own (their person's plans, else `defaultPlan`, the DEFAULT_PLAN setting), else shows every
 * plan grouped or asks which (services/answers/plans.ts); every list names its plan.
 */
export function answer(
  intent: QuestionIntent,
  plan: PlanSnapshot,
  options: { offset?: number; asker?: Asker; defaultPlan?: string } = {},
): View {
  const context: PlanContext = {
    named: intent.plan,
    preferred: preferredPlan(plan, options.asker?.personId, options.defaultPlan),
  };
  /** `intro` may depend on the lines kept once a plan is chosen ("3 targets in 2 priorities"). */
  const list = (
    title: string,
    items: ListItemView[],
    ask: string,
    intro?: string | ((kept: ListItemView[]) => string),
    limit = LIST_LIMIT,
  ) =>
    planList(plan, context, { title, items, ask }, (kept, again) =>
      listView(title, kept, again, typeof intro === 'function' ? intro(kept) : intro, limit, options.offset),
    );
  const nameOf = (id: string) => {
    const entry = plan.plans.length > 1 ? plan.planById(id) : undefined;
    return entry ? planName(entry) : undefined;
  };
  switch (intent.kind) {
    case 'help':
      // Several plans: say how to tell them apart first.
      return {
        kind: 'help',
        examples: plan.plans.length > 1 ? ['which plans?', ...HELP_EXAMPLES] : HELP_EXAMPLES,
      };
    case 'plans':
      if (plan.plans.length === 0) return notice('No plan has been loaded yet.');
      return listView(
        'Plans',
        plansList(plan),
        'which plans?',
        plan.plans.length > 1
          ? `${plan.plans.length} plans side by side: name one to ask about it, as in "${askIn('aims', plan.plans[0] as PlanEntry, plan)}".`
          : undefined,
        plan.plans.length,
      );
    case 'tooLong':
      return notice(
        `That message is ${intent.length.toLocaleString('en-GB')} characters long; please ask in fewer than 500.`,
      );
    case 'status': {
      const found = plan.prioritiesByCode(intent.code);
      const within = choosePlans(
        found.map((p) => p.plan),
        context,
      ).plans;
      const mine = found.filter((p) => within.includes(p.plan));
      const code = found[0]?.code ?? intent.code.toUpperCase();
      if (mine.length === 1 && mine[0]) return priorityStatus(mine[0], nameOf(mine[0].plan));
      if (mine.length > 1) return whichPlan(code, `status of ${code}`, within, plan);
      const named = intent.plan ? plan.planById(intent.plan) : undefined;
      if (found.length && named)
        return notice(
          `${code} is not in the ${planName(named)}.`,
          found.flatMap((p) => {
            const other = plan.planById(p.plan);
            return other ? [askIn(`status of ${code}`, other, plan)] : [];
          }),
        );
      const near = plan.closestCodes(intent.code);
      return notice(
        `I couldn't find ${intent.code.toUpperCase()} in the plan${near.length ? ` — did you mean ${orList(near)}?` : '.'}`,
        near.map((c) => `status of ${c}`),
      );
    }
    case 'aims':
      // A plan has a handful of aims: always show them all.
      return list(
        'Strategic aims',
        plan.aims.map((a) => ({
          code: a.code ?? '',
          title: a.title,
          detail: a.description ? excerpt(a.description, 140) : undefined,
          planId: a.plan,
        })),
        'aims',
        undefined,
        Math.max(plan.aims.length, 1),
      );
    case 'values': {
      const values = plan.plans.flatMap((p) =>
        p.values.map((v) => ({ code: '', title: v.name, detail: v.description ?? undefined, planId: p._id })),
      );
      return values.length ? list('Our values', values, 'values') : notice('The plan lists no values.');
    }
    case 'aim': {
      const aim = plan.aims.find((a) => a._id === intent.aimId);
      const priorities = plan.priorities.filter((p) => `${p.plan}:${p.aim}` === intent.aimId);
      return list(
        `${aim?.title ?? 'Aim'}: priorities`,
        priorities.map(item),
        `${aim?.title ?? ''} priorities`,
        aim?.description ?? undefined,
      );
    }
    case 'pi': {
      const wanted = piKey(intent.code);
      const found = plan.priorities.filter((p) =>
        p.targets.some((t) => t.piCodes.some((c) => wanted !== undefined && piKeys(c).includes(wanted))),
      );
      const within = choosePlans(
        found.map((p) => p.plan),
        context,
      ).plans;
      const mine = found.filter((p) => within.includes(p.plan));
      if (mine.length === 1 && mine[0]) return priorityStatus(mine[0], nameOf(mine[0].plan));
      if (found.length) return list(`Targets measured by ${intent.code}`, found.map(item), intent.code);
      return notice(`No target in the plan is measured by ${intent.code}.`, [
        'anything about ' + intent.code,
      ]);
    }
    case 'search': {
      // Priorities and targets, weak matches cut (services/plan/search.ts), in the plans chosen.
      const found = plan.searchPlan(intent.query);
      const within = choosePlans(
        found.map((h) => h.priority.plan),
        context,
      ).plans;
      const hits = found.filter((h) => within.includes(h.priority.plan));
      if (hits.length === 0) {
        return notice(
          `I couldn't find anything about "${intent.query}" in the plan. Try a priority code such as ED.1, or a theme.`,
          ['what are the strategic aims?', 'help'],
        );
      }
      // One priority has every word, and nothing else comes close: its card, with every figure.
      const only = hits[0]?.priority;
      if (only && hits.every((h) => h.exact && h.priority === only))
        return priorityStatus(only, nameOf(only.plan));
      return list(
        `About "${intent.query}"`,
        searchLines(hits),
        `anything about ${intent.query}`,
        hits.some((h) => h.exact)
          ? undefined
          : `Nothing in the plan has every word of "${intent.query}"; these have some of them.`,
      );
    }
    case 'offTrack': {
      // Red before Amber, each in plan order: the worst first.
      const flagged = intent.rags.flatMap((rag) =>
        plan.priorities.flatMap((priority) =>
          priority.targets.filter((t) => t.latest?.rag === rag).map((target) => ({ priority, target, rag })),
        ),
      );
      const label = intent.rags.map((r) => r[0]?.toUpperCase() + r.slice(1)).join(' or ');
      if (flagged.length === 0)
        return notice(`No target is reported ${label} at the moment.`, ['what are the strategic aims?']);
      return list(
        `Targets at ${label}`,
        flagged.map(offTrackItem),
        intent.rags.length > 1 ? "what's off track?" : `anything ${intent.rags[0]}?`,
        // Counted from the lines kept, once a plan is chosen; a priority is its plan and button.
        (kept) =>
          `${count(kept.length, 'target')} in ${count(new Set(kept.map((k) => `${k.planId}|${k.open?.ask}`)).size, 'priority', 'priorities')}, the worst first. Open one to see its figures and commentary.`,
      );
    }
  }
}

/**
 * A priority's card; `planName` is given when several plans are loaded, so the card says whose.
 * It depends on nothing but the snapshot's entry and `planName` — not on who asks, nor on the time
 * (the forecast runs to the end of the latest figure's year) — so it is worked out once per entry
 * and plan name and kept with the snapshot (services/answers/kept.ts): the same frozen view for
 * every asker until a plan's revision moves.
 */
export function priorityStatus(p: PriorityEntry, planName?: string): PriorityStatusView {
  return keptStatus(p, planName);
}

const keptStatus = keptPerObject((p: PriorityEntry, planName: string) => statusOf(p, planName || undefined));

function statusOf(p: PriorityEntry, planName?: string): PriorityStatusView {
  return {
    kind: 'priorityStatus',
    code: p.code ?? 'no code',
    // A deleted or completed priority is kept in the plan and says so (issue 15), with its reason.
    title: withStatus(p.title, p.status, p.statusNote),
    aim: p.aimEntry?.title,
    plan: p.plan,
    ...(planName ? { planName } : {}),
    targets: p.targets.map(targetView),
  };
}

function item(p: PriorityEntry): ListItemView {
  return { code: p.code ?? 'no code', title: p.title, detail: p.aimEntry?.title, planId: p.plan };
}

/** A target reported Red or Amber, as a line of "what's off track?" with a button to its priority. */
function offTrackItem({
  priority,
  target,
  rag,
}: {
  priority: PriorityEntry;
  target: TargetEntry;
  rag: Rag;
}): ListItemView {
  const code = priority.code ?? priority.key;
  const owner = target.ownerName ?? target.owner;
  return {
    code: priority.code ?? 'no code',
    title: excerpt(target.text, 120),
    detail: [
      target.latest ? `Latest: ${figureText(target.latest, target)}` : '',
      owner ? `Owner: ${owner}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    rag,
    reason: ragReason(target),
    open: { label: `Open ${code}`, ask: `status of ${code}` },
    planId: priority.plan,
  };
}

/**
 * One page of a list reply: `limit` items from `offset` (0-based), where they sit in the whole,
 * and a "Show more" that asks for the next page (services/answers/paging.ts). Past the end, a
 * notice that says so.
 */
export function listView(
  title: string,
  items: ListItemView[],
  ask: string,
  intro: string | undefined,
  limit: number,
  offset = 0,
): View {
  if (offset > 0 && offset >= items.length)
    return notice(`That was the whole list: "${title}" has ${items.length} in all.`, [ask]);
  const shown = items.slice(offset, offset + limit);
  const last = offset + shown.length;
  return {
    kind: 'list',
    title,
    intro: intro ? excerpt(intro, 200) : undefined,
    items: shown,
    page: offset > 0 || last < items.length ? { first: offset + 1, last, total: items.length } : undefined,
    more: last < items.length ? { count: items.length - last, ask: pageAsk(ask, last) } : undefined,
  };
}

function notice(text: string, suggestions: string[] = []): View {
  return { kind: 'notice', text, suggestions };
}

/** "1 target", "12 priorities". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function orList(items: string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
