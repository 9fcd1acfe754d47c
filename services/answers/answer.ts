import type { PlanSnapshot, PriorityEntry, TargetEntry } from '../plan/snapshot';
import { figuresOf, reportedText } from './figures';
import { excerpt, ukDate } from './format';
import type { QuestionIntent } from './intent';
import type { ListItemView, PriorityStatusView, TargetView, View } from './views';

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

export const LIST_LIMIT = 8;

export interface Asker {
  /** The person's id (work email) when the bot knows who is asking. */
  personId?: string;
}

/** Answers one understood question from the in-memory plan. Never empty, never a bare "no". */
export function answer(intent: QuestionIntent, plan: PlanSnapshot, options: { all?: boolean } = {}): View {
  const list = (title: string, items: ListItemView[], ask: string, intro?: string) =>
    listView(title, items, ask, intro, options.all ? 100 : LIST_LIMIT);
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
      const wanted = squash(intent.code);
      const found = plan.priorities.filter((p) =>
        p.targets.some((t) => t.piCodes.some((c) => squash(c) === wanted)),
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
      const flagged = plan.priorities.filter((p) =>
        p.targets.some((t) => t.latest?.rag && intent.rags.includes(t.latest.rag)),
      );
      const label = intent.rags.map((r) => r[0]?.toUpperCase() + r.slice(1)).join(' or ');
      if (flagged.length === 0)
        return notice(`No target is reported ${label} at the moment.`, ['what are the strategic aims?']);
      return list(`Priorities with targets at ${label}`, flagged.map(item), "what's off track?");
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
    owner: t.owner ?? undefined,
  };
  if (t.latest) {
    const { value, text, rag, asOf, commentary, at } = t.latest;
    const previous = t.previous?.value;
    view.latest = {
      text: latestText(t),
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

function latestText(t: TargetEntry): string {
  return t.latest ? reportedText(t.latest, t.unit) : '';
}

function item(p: PriorityEntry): ListItemView {
  return { code: p.code ?? 'no code', title: p.title, detail: p.aimEntry?.title };
}

/** A list reply cut to `limit` items, with "Show more" asking the same again in full. */
export function listView(
  title: string,
  items: ListItemView[],
  ask: string,
  intro: string | undefined,
  limit: number,
): View {
  const shown = items.slice(0, limit);
  return {
    kind: 'list',
    title,
    intro: intro ? excerpt(intro, 200) : undefined,
    items: shown,
    more:
      items.length > shown.length ? { count: items.length - shown.length, ask: `more: ${ask}` } : undefined,
  };
}

function notice(text: string, suggestions: string[] = []): View {
  return { kind: 'notice', text, suggestions };
}

function orList(items: string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const squash = (code: string) => code.toUpperCase().replace(/\s+/g, '');
