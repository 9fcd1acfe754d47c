import type { PlanEntry, PlanSnapshot } from '../plan/snapshot';
import type { ListItemView, View } from './views';

/**
 * Which plan a question is about, when several plans live side by side (a corporate plan and
 * service plans, or two councils). `named` is the plan the question named ("themes in York");
 * `preferred` the asker's own: the plan whose file listed them (Person.plans), or the deployment's
 * DEFAULT_PLAN for someone no plan lists. Both are plan ids.
 */
export interface PlanContext {
  named?: string;
  preferred?: string;
}

/** The plan as lists name it: "Leicester City Council Interim Corporate Plan 2003–2006". */
export function planName(plan: PlanEntry): string {
  return [plan.organisation, plan.title, plan.period?.label].filter(Boolean).join(' ');
}

// Words every council's name has: they tell no two councils apart ("City of York Council").
const GENERIC = new Set(
  'the of and city council borough county district metropolitan unitary authority royal london'.split(' '),
);

/**
 * What a person calls a plan in a question or on a button: the organisation's distinctive words
 * ("York", "Leicester"), or, where two plans share an organisation, those words and the plan's
 * title ("Leicester Housing Service Plan").
 */
export function shortName(plan: PlanEntry, all: readonly PlanEntry[]): string {
  const distinctive = (p: PlanEntry) =>
    p.organisation
      .split(/\s+/)
      .filter((w) => w && !GENERIC.has(w.toLowerCase()))
      .join(' ') || p.organisation;
  const mine = distinctive(plan);
  const shared = all.some((p) => p._id !== plan._id && distinctive(p).toLowerCase() === mine.toLowerCase());
  return shared ? `${mine} ${plan.title}` : mine;
}

const PREPOSITIONS = new Set(['in', 'for', 'from', 'of', 'at']);
const TRAILING = ['plan', 'council', 'corporate plan', 'city council'];

/**
 * Reads a plan named at the end of a question ("themes in York", "status of ED.1 for the Leicester
 * plan", "what's off track in York?") or at its start as a possessive ("York's themes"). Returns the
 * question without it, and the plan's id. Only names a plan really has are read (its short name,
 * organisation, title or id), so an ordinary word is never taken for a plan; a question that would
 * be left empty keeps its words.
 */
export function readPlanScope(
  question: string,
  plans: readonly PlanEntry[],
): { question: string; plan?: string } {
  if (plans.length === 0) return { question };
  const names = plans
    .flatMap((p) =>
      [shortName(p, plans), p.organisation, p.title, p._id, `${p.organisation} ${p.title}`].map((n) => ({
        name: n.toLowerCase(),
        plan: p._id,
      })),
    )
    // A name two plans share ("Corporate Plan") names neither.
    .filter((n, _, all) => all.every((m) => m.name !== n.name || m.plan === n.plan))
    .sort((a, b) => b.name.length - a.name.length);
  const lower = question.toLowerCase();
  // Trailing punctuation by a loop, not a pattern that retries from every "?" of a long run.
  let end = lower.length;
  while (end > 0 && '?.!'.includes(lower.charAt(end - 1))) end--;
  const body = lower.slice(0, end);
  for (const { name, plan } of names) {
    for (const suffix of ['', ...TRAILING.map((t) => ` ${t}`)]) {
      const tail = ` ${name}${suffix}`;
      if (!body.endsWith(tail)) continue;
      const words = body
        .slice(0, body.length - tail.length)
        .trimEnd()
        .split(' ');
      if (words.at(-1) === 'the') words.pop();
      const preposition = words.pop();
      const rest = question.slice(0, words.join(' ').length).trim();
      if (preposition && PREPOSITIONS.has(preposition) && rest) return { question: rest, plan };
    }
    for (const mark of ["'s ", '’s ', ': ']) {
      const head = `${name}${mark}`;
      const rest = question.slice(head.length).trim();
      if (lower.startsWith(head) && rest) return { question: rest, plan };
    }
  }
  return { question };
}

/**
 * The asker's own plan: the one plan whose file listed them (their organisation's), else the
 * deployment's DEFAULT_PLAN when it is loaded. Undefined for someone listed in several plans or
 * none, with no default: then a question that matches several plans shows them all, or asks.
 */
export function preferredPlan(
  snapshot: PlanSnapshot,
  personId: string | undefined,
  defaultPlan: string | undefined,
): string | undefined {
  const loaded = new Set(snapshot.plans.map((p) => p._id));
  const own = snapshot.plansOf(personId).filter((id) => loaded.has(id));
  if (own.length === 1) return own[0];
  if (own.length === 0 && defaultPlan && loaded.has(defaultPlan)) return defaultPlan;
  return undefined;
}

/**
 * Which of the plans that matched a question to answer from: the named one; else, when more than
 * one matched, the asker's own if it is among them; else all of them. `others` are the plans that
 * matched but were left out in favour of the asker's own, for "… in York" buttons.
 */
export function choosePlans(
  matched: readonly string[],
  context: PlanContext,
): { plans: string[]; others: string[] } {
  const unique = [...new Set(matched)];
  if (context.named) return { plans: [context.named], others: [] };
  if (unique.length > 1 && context.preferred && unique.includes(context.preferred))
    return { plans: [context.preferred], others: unique.filter((p) => p !== context.preferred) };
  return { plans: unique, others: [] };
}

/** "themes" → "themes in York": a question asked again of one plan, for a suggestion button. */
export function askIn(ask: string, plan: PlanEntry, snapshot: PlanSnapshot): string {
  let end = ask.length;
  while (end > 0 && '?.!'.includes(ask.charAt(end - 1))) end--;
  return `${ask.slice(0, end)} in ${shortName(plan, snapshot.plans)}`;
}

/**
 * Lines of a list named by their plan: a list whose lines come from one plan names it once
 * (ListView.plan); one that spans several groups its lines by plan, in the snapshot's plan order,
 * each group under the plan's name (ListItemView.group). Lines keep their order within a plan.
 */
export function groupByPlan(
  items: ListItemView[],
  snapshot: PlanSnapshot,
): { items: ListItemView[]; plan?: string } {
  const order = new Map(snapshot.plans.map((p, i) => [p._id, i]));
  const ids = [...new Set(items.map((i) => i.planId).filter((id): id is string => !!id))];
  const nameOf = (id: string | undefined) => {
    const plan = id ? snapshot.planById(id) : undefined;
    return plan ? planName(plan) : undefined;
  };
  if (ids.length <= 1) return { items, plan: nameOf(ids[0]) };
  const rank = (i: ListItemView) => order.get(i.planId ?? '') ?? order.size;
  const sorted = items
    .map((item, n) => ({ item, n }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n);
  return { items: sorted.map(({ item }) => ({ ...item, group: nameOf(item.planId) })), plan: undefined };
}

/**
 * A list reply that names its plan (see groupByPlan), keeps to the plan the question named or the
 * asker's own (choosePlans), and offers the same question in each plan left out. `page` makes one
 * page of the chosen lines (services/answers/answer.ts listView) and is given the question that
 * asks for them again (with the plan named, when one was). When the plan named has none of the
 * lines, a notice says so and offers the question of every plan.
 */
export function planList(
  snapshot: PlanSnapshot,
  context: PlanContext,
  list: { title: string; items: ListItemView[]; ask: string },
  page: (items: ListItemView[], ask: string) => View,
): View {
  const matched = list.items.map((i) => i.planId).filter((id): id is string => !!id);
  const { plans, others } = choosePlans(matched, context);
  const kept = list.items.filter((i) => !i.planId || plans.includes(i.planId));
  const named = context.named ? snapshot.planById(context.named) : undefined;
  if (named && kept.length === 0)
    return {
      kind: 'notice',
      text: `"${list.title}" has nothing from the ${planName(named)}.`,
      suggestions: list.items.length ? [list.ask] : [],
    };
  const grouped = groupByPlan(
    kept.map((i) => pinned(i, snapshot)),
    snapshot,
  );
  const view = page(grouped.items, named ? askIn(list.ask, named, snapshot) : list.ask);
  if (view.kind !== 'list') return view;
  if (grouped.plan) view.plan = grouped.plan;
  const also = others
    .map((id) => snapshot.planById(id))
    .filter((p): p is PlanEntry => !!p)
    .map((p) => askIn(list.ask, p, snapshot))
    .map((ask) => ({ label: ask.charAt(0).toUpperCase() + ask.slice(1), ask }));
  if (also.length) view.also = also;
  return view;
}

/**
 * A line's button asks of the line's own plan when several are loaded ("status of ED.1 in York"):
 * the code alone may name a priority in each.
 */
function pinned(item: ListItemView, snapshot: PlanSnapshot): ListItemView {
  const plan = item.planId && snapshot.plans.length > 1 ? snapshot.planById(item.planId) : undefined;
  return plan && item.open
    ? { ...item, open: { ...item.open, ask: askIn(item.open.ask, plan, snapshot) } }
    : item;
}

/**
 * "status of ED.1" when ED.1 is in two plans and the asker has no plan of their own among them:
 * which one? A suggestion per plan ("status of ED.1 in York").
 */
export function whichPlan(what: string, ask: string, plans: readonly string[], snapshot: PlanSnapshot): View {
  const entries = plans.map((id) => snapshot.planById(id)).filter((p): p is PlanEntry => !!p);
  return {
    kind: 'notice',
    text: `${what} is in ${entries.length} plans: ${entries.map(planName).join('; ')}. Which do you mean?`,
    suggestions: entries.map((p) => askIn(ask, p, snapshot)),
  };
}

/**
 * "which plans?": every plan loaded, with its organisation, period, status and what it holds, each
 * with a button that asks for its aims.
 */
export function plansList(snapshot: PlanSnapshot): ListItemView[] {
  return snapshot.plans.map((p) => {
    const aims = snapshot.aims.filter((a) => a.plan === p._id).length;
    const priorities = snapshot.priorities.filter((q) => q.plan === p._id);
    const targets = priorities.reduce((n, q) => n + q.targets.length, 0);
    const vocabulary = p.vocabulary ?? {};
    return {
      code: '',
      title: `${p.title} ${p.period?.label ?? ''}`.trim(),
      detail: [
        p.organisation,
        STATUS[p.status] ?? p.status,
        [
          count(aims, vocabulary.aim ?? 'aim'),
          count(priorities.length, vocabulary.priority ?? 'priority'),
          count(targets, 'target'),
        ].join(', '),
      ].join(' · '),
      open: {
        label: `${vocabulary.aim ?? 'Aim'}s in ${shortName(p, snapshot.plans)}`,
        ask: `aims in ${shortName(p, snapshot.plans)}`,
      },
    };
  });
}

const STATUS: Record<string, string> = {
  draft: 'Draft',
  consultation: 'Out for consultation',
  adopted: 'Adopted',
};

/** "10 strategic aims", "1 priority", "41 priorities": the plan's own word, in lower case. */
function count(n: number, word: string): string {
  const lower = word.toLowerCase();
  const many = /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return `${n.toLocaleString('en-GB')} ${n === 1 ? lower : many}`;
}
