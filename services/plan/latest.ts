import { anyOf } from '../../models/operators';
import { Target } from '../../models';
import type { Doc } from './documents';
import { scoped } from './documents';

/** An update as a target keeps it (models/target.ts `latest`). */
export type Snapshot = Record<string, unknown> & { update: string; asOf: string; at: Date };
type Current = { _id: string; latest?: unknown; previous?: unknown; recent?: unknown; confirmed?: unknown };

/**
 * Where an update stands in its plan's sign-off chain (models/sign-off.ts): `provisional` until the
 * chain's last step approves it, `returned` when a step sends it back, `confirmed` after — at once
 * for a plan with no chain, and for figures imported from a plan file.
 */
export type FigureStatus = 'provisional' | 'returned' | 'confirmed';

/** How many past figures a target keeps for its trend: a monthly target's same month last year is 12 back. */
export const RECENT = 14;
const BRIEF = ['update', 'asOf', 'value', 'text', 'rag', 'at'] as const;
/** A snapshot as `recent` keeps it; a loop, not entries and filter: an import makes 70,000 at once. */
function brief(snapshot: Snapshot): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of BRIEF) if (snapshot[field] !== undefined) out[field] = snapshot[field];
  return out;
}

/** Newer as-of date wins; on the same date, the later submission. */
function newer(a: Snapshot, b: Snapshot): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? 1 : -1;
  return b.at.getTime() - a.at.getTime();
}

export function snapshotOf(update: Doc): Snapshot {
  const { _id, plan: _plan, target: _target, ...rest } = update;
  return { ...rest, update: _id } as Snapshot;
}

/** The `$set` that brings one target's `latest`, `previous`, `recent` and `confirmed` up to date. */
export interface LatestChange {
  _id: string;
  $set: Record<string, unknown>;
}

/** A target's stored figures, as `rankLatest` reads them. */
export type CurrentFigures = Pick<Current, 'latest' | 'previous' | 'recent' | 'confirmed'>;

/**
 * What a target's `latest`, `previous`, `recent` and `confirmed` become once `news` (snapshots of
 * updates new to the ledger, each with its status; the first of equals ranks first) join its stored
 * figures: the `$set` to write. The stored two are by invariant the newest of the history, so the
 * new snapshots need only be ranked against them, not against the whole ledger. Pure: the import
 * ranks in memory, for thousands of targets at once (services/plan/import.ts).
 */
export function rankLatest(current: CurrentFigures, news: readonly Snapshot[]): Record<string, unknown> {
  const seen = new Set<string>();
  const ranked = [
    ...news,
    current.latest as Snapshot | undefined,
    current.previous as Snapshot | undefined,
    ...((current.recent as Snapshot[] | undefined) ?? []),
  ]
    .filter((s): s is Snapshot => !!s && !seen.has(s.update) && !!seen.add(s.update))
    .sort(newer);
  const confirmed = [
    ...news.filter((u) => u.status === 'confirmed'),
    current.confirmed as Snapshot | undefined,
  ]
    .filter((u): u is Snapshot => !!u)
    .sort(newer)[0];
  return {
    latest: ranked[0],
    ...(ranked[1] ? { previous: ranked[1] } : {}),
    recent: ranked.slice(0, RECENT).map(brief),
    ...(confirmed ? { confirmed } : {}),
  };
}

/** The new updates' snapshots by target `_id`, in the order given, each with `status`. */
function byTargetOf(planId: string, updates: Doc[], status: FigureStatus): Map<string, Snapshot[]> {
  const byTarget = new Map<string, Snapshot[]>();
  for (const u of updates) {
    const id = scoped(planId, String(u.target));
    const list = byTarget.get(id) ?? [];
    list.push({ ...snapshotOf(u), status });
    byTarget.set(id, list);
  }
  return byTarget;
}

/**
 * The `$set` each of `known` (targets as read, with their stored figures) needs once `updates` (new
 * to the ledger, all with one `status`) join its figures (`rankLatest`): one change per target given.
 */
export function latestChanges(
  planId: string,
  updates: Doc[],
  known: readonly Current[],
  status: FigureStatus = 'confirmed',
): LatestChange[] {
  const byTarget = byTargetOf(planId, updates, status);
  return known.map((t) => ({ _id: t._id, $set: rankLatest(t, byTarget.get(t._id) ?? []) }));
}

/**
 * Keeps `latest`, `previous`, `recent` and `confirmed` (the newest confirmed figure: what reports and
 * open data show) on each target the new updates touch (`rankLatest`).
 */
export async function refreshLatest(
  planId: string,
  updates: Doc[],
  /** The targets' current latest/previous when the caller has just read them: saves reading again. */
  known?: Current[],
  /** Where the new updates stand in the sign-off chain; `confirmed` ones also become `confirmed`. */
  status: FigureStatus = 'confirmed',
): Promise<void> {
  const byTarget = byTargetOf(planId, updates, status);
  if (byTarget.size === 0) return;
  const targets: Current[] =
    known ??
    (await Target.find(
      { _id: anyOf([...byTarget.keys()]) },
      { latest: 1, previous: 1, recent: 1, confirmed: 1 },
    ).lean());
  const ops = latestChanges(planId, updates, targets, status).map((c) => ({
    updateOne: { filter: { _id: c._id }, update: { $set: c.$set } },
  }));
  for (let i = 0; i < ops.length; i += 1000) await Target.bulkWrite(ops.slice(i, i + 1000) as never);
}
