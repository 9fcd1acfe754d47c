import { Person, Update } from '../../models';
import type { UpdateDoc } from '../../models/update';
import { anyOf } from '../../models/operators';
import type { Links } from '../links';
import { assess } from '../measure/assess';
import { expectedAt } from '../measure/profile';
import type { PlanSnapshot, TargetEntry } from '../plan/snapshot';
import { standings, type Standing } from '../sign-off/ledger';
import { figureText, ragLabel } from './figures';
import { excerpt, ukDateTime } from './format';
import { notice } from './notice';
import type { HistoryView } from './views';

/** How many updates a target's history shows in chat, newest first; the chart draws them all. */
export const HISTORY_LIMIT = 12;

type Stored = UpdateDoc & { _id: string };

/** A target's updates, oldest first (as-of date, then when submitted). */
export async function updatesOf(planId: string, keys: string[]): Promise<Stored[]> {
  const found = (await Update.find({ plan: planId, target: anyOf(keys) }).lean()) as Stored[];
  return found.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.at.getTime() - b.at.getTime());
}

/** The signed address of a target's history chart (services/files.ts draws it). */
export function historyChartPath(planId: string, key: string): string {
  return `/files/history/${encodeURIComponent(planId)}/${encodeURIComponent(key)}.png`;
}

/**
 * "history of ED.1" (every target of the priority) or "history of ED.1/1": each update — as-of date,
 * figure, RAG, who and when, channel, commentary — newest first, HISTORY_LIMIT per target, and a
 * chart of the actuals against the profile (`links` signs its address; none without). Reads the
 * update ledger, not the snapshot: the snapshot keeps only the latest few.
 */
export async function historyOf(
  code: string,
  plan: PlanSnapshot,
  links?: Links,
): Promise<HistoryView | ReturnType<typeof notice>> {
  const priority =
    plan.priorityByCode(code) ?? plan.priorities.find((p) => p.targets.some((t) => t.key === code));
  if (!priority) return notice(`I couldn't find ${code} in the plan.`, ['what are the strategic aims?']);
  const targets = priority.targets.filter(
    (t) => t.key === code || priority.targets.every((o) => o.key !== code),
  );
  const updates = await updatesOf(
    priority.plan,
    targets.map((t) => t.key),
  );
  const people = await Person.find(
    { _id: anyOf([...new Set(updates.map((u) => u.by).filter(Boolean))] as string[]) },
    { name: 1 },
  ).lean();
  const names = new Map(people.map((p) => [String(p._id), p.name]));
  const signed = await standings(updates.map((u) => u._id));
  return {
    kind: 'history',
    code: priority.code ?? priority.key,
    title: priority.title,
    targets: targets.map((t) => {
      const mine = updates.filter((u) => u.target === t.key).reverse();
      return {
        id: t.key,
        text: t.text,
        chartUrl: links && mine.length ? links.url(historyChartPath(t.plan, t.key)) : undefined,
        updates: mine.slice(0, HISTORY_LIMIT).map((u) => ({
          figure: figureText(u, t),
          rag: u.rag ? ragLabel(u.rag) : undefined,
          reason: typeof u.value === 'number' ? assessed(t, u.value, u.asOf) : undefined,
          by: `${(u.by && names.get(u.by)) ?? u.by ?? 'imported'} · ${ukDateTime(u.at)} · ${u.channel === 'import' ? 'plan file' : u.channel === 'teams' ? 'Teams' : 'Slack'}`,
          commentary: u.commentary ? excerpt(u.commentary, 300) : undefined,
          correctiveAction: u.correctiveAction ? excerpt(u.correctiveAction, 300) : undefined,
          status: standingText(signed.get(u._id), t.latest?.update === u._id),
        })),
        more: Math.max(0, mine.length - HISTORY_LIMIT),
        none: mine.length ? undefined : 'No update reported yet.',
      };
    }),
  };
}

/** An update's place in the sign-off chain, in words; undefined once confirmed (or never needing it). */
function standingText(standing: Standing | undefined, latest: boolean): string | undefined {
  if (!standing || standing.status === 'confirmed') return undefined;
  if (standing.status === 'returned') return 'Returned to its owner';
  return latest ? 'Provisional — awaiting sign-off' : 'Never signed off: replaced by a later update';
}

function assessed(t: TargetEntry, value: number, asOf: string): string {
  return assess(t, { value, asOf }, { tolerance: t.planTolerance, planEnd: t.planEnd }).why;
}

/**
 * The points of a target's history chart: its actuals, and what its profile expected on each of
 * their dates (services/measure/profile.ts), where it expects anything.
 */
export function historySeries(t: TargetEntry, updates: { asOf: string; value?: number | null }[]) {
  const actual = updates
    .filter((u): u is { asOf: string; value: number } => typeof u.value === 'number')
    .map((u) => ({ date: u.asOf, value: u.value }));
  const expected = actual.flatMap((p) => {
    const e = expectedAt(t, p.date, t.planEnd);
    return e.ok && e.expected.value !== undefined ? [{ date: p.date, value: e.expected.value }] : [];
  });
  return [
    { name: 'Actual', points: actual },
    ...(expected.length ? [{ name: 'Expected', points: expected, dashed: true }] : []),
  ];
}
