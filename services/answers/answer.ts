import type { Rag } from '../../models/rag';
import type { PlanSnapshot, PriorityEntry, TargetEntry } from '../plan/snapshot';
import { figureText, figuresOf } from './figures';
import { excerpt, ukDate } from './format';
import { piKey, piKeys } from '../plan/pi-codes';
import type { QuestionIntent } from './intent';
import { LIST_LIMIT, pageAsk } from './paging';
import type { ListItemView, PriorityStatusView, TargetView, View } from './views';

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
];

export interface Asker {
  /** The person's id (work email) when the bot knows who is asking. */
  personId?: string;
}

/**
 * Answers one understood question from the in-memory plan. Never empty, never a bare "no". A list
 * shows LIST_LIMIT items from `offset` (0-based; from "more: … @8"), with a "Show more" for the next.
 */
export function answer(intent: QuestionIntent, plan: PlanSnapshot, options: { offset?: number } = {}): View {
  const list = (title: string, items: ListItemView[], ask: string, intro?: string) =>
    listView(title, items, ask, intro, LIST_LIMIT, options.offset);
  switch (intent.kind) {
    case 'help':
      return { kind: 'help', examples: HELP_EXAMPLES };
    case 'tooLong':
      return notice(
        `That message is ${intent.length.toLocaleString('en-GB')} characters long; please ask in fewer than 500.`,
      );
    case 'status': {
      const priority = plan.priorityByCode(intent.code);
      if (priority) return priorityStatus(priority);
      const near = plan.closestCodes(intent.code);
      return notice(
        `I couldn't find ${intent.code.toUpperCase()} in the plan${near.length ? ` — did you mean ${orList(near)}?` : '.'}`,
        near.map((c) => `status of ${c}`),
      );
    }
    case 'aims':
      // A plan has a handful of aims: always show them all.
      return listView(
        'Strategic aims',
        plan.aims.map((a) => ({
          code: a.code ?? '',
          title: a.title,
          detail: a.description ? excerpt(a.description, 140) : undefined,
        })),
        'aims',
        undefined,
        plan.aims.length,
      );
    case 'values': {
      const values = plan.plans.flatMap((p) =>
        p.values.map((v) => ({ code: '', title: v.name, detail: v.description ?? undefined })),
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
      if (found.length === 1 && found[0]) return priorityStatus(found[0]);
      if (found.length) return list(`Targets measured by ${intent.code}`, found.map(item), intent.code);
      return notice(`No target in the plan is measured by ${intent.code}.`, [
        'anything about ' + intent.code,
      ]);
    }
    case 'search': {
      const hits = plan.searchPriorities(intent.query, 50);
      if (hits.length === 0) {
        return notice(
          `I couldn't find anything about "${intent.query}" in the plan. Try a priority code such as ED.1, or a theme.`,
          ['what are the strategic aims?', 'help'],
        );
      }
      return list(
        `About "${intent.query}"`,
        hits.map((h) => item(h.priority)),
        `anything about ${intent.query}`,
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
      const priorities = new Set(flagged.map((f) => f.priority._id)).size;
      return list(
        `Targets at ${label}`,
        flagged.map(offTrackItem),
        intent.rags.length > 1 ? "what's off track?" : `anything ${intent.rags[0]}?`,
        `${count(flagged.length, 'target')} in ${count(priorities, 'priority', 'priorities')}, the worst first. Open one to see its figures and commentary.`,
      );
    }
  }
}

export function priorityStatus(p: PriorityEntry): PriorityStatusView {
  return {
    kind: 'priorityStatus',
    code: p.code ?? 'no code',
    title: p.title,
    aim: p.aimEntry?.title,
    plan: p.plan,
    targets: p.targets.map(targetView),
  };
}

function targetView(t: TargetEntry): TargetView {
  const figures = figuresOf(t);
  const view: TargetView = {
    id: t.key,
    text: t.text,
    piCodes: t.piCodes,
    figures,
    owner: t.ownerName ?? t.owner ?? undefined,
  };
  if (t.latest) {
    const { value, text, rag, asOf, commentary, at } = t.latest;
    const previous = t.previous?.value;
    view.latest = {
      text: figureText(t.latest, t.unit),
      rag: rag ?? undefined,
      asOf: ukDate(asOf),
      commentary: commentary ? excerpt(commentary) : undefined,
      trend:
        typeof value === 'number' && typeof previous === 'number'
          ? value > previous
            ? 'up'
            : value < previous
              ? 'down'
              : 'level'
          : undefined,
    };
    view.lastUpdated = ukDate(at);
    if (text === undefined && value === undefined) delete view.latest;
  }
  return view;
}

function item(p: PriorityEntry): ListItemView {
  return { code: p.code ?? 'no code', title: p.title, detail: p.aimEntry?.title };
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
      target.latest ? `Latest: ${figureText(target.latest, target.unit)}` : '',
      owner ? `Owner: ${owner}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    rag,
    open: { label: `Open ${code}`, ask: `status of ${code}` },
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
