import { anyOf } from '../../models/operators';
import { Target } from '../../models';
import type { Doc } from './documents';
import { scoped } from './documents';

type Snapshot = Record<string, unknown> & { update: string; asOf: string; at: Date };
type Current = { _id: string; latest?: unknown; previous?: unknown; recent?: unknown };

/** How many past figures a target keeps for its trend: a monthly target's same month last year is 12 back. */
export const RECENT = 14;
const brief = ({ update, asOf, value, text, rag, at }: Snapshot) =>
  Object.fromEntries(
    Object.entries({ update, asOf, value, text, rag, at }).filter(([, v]) => v !== undefined),
  );

/** Newer as-of date wins; on the same date, the later submission. */
function newer(a: Snapshot, b: Snapshot): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? 1 : -1;
  return b.at.getTime() - a.at.getTime();
}

export function snapshotOf(update: Doc): Snapshot {
  const { _id, plan: _plan, target: _target, ...rest } = update;
  return { ...rest, update: _id } as Snapshot;
}

/**
 * Keeps `latest` and `previous` on each target the new updates touch. The two are by invariant the
 * newest of the history, so the new updates need only be ranked against them, not against the
 * whole ledger.
 */
export async function refreshLatest(
  planId: string,
  updates: Doc[],
  /** The targets' current latest/previous when the caller has just read them: saves reading again. */
  known?: Current[],
): Promise<void> {
  const byTarget = new Map<string, Snapshot[]>();
  for (const u of updates) {
    const id = scoped(planId, String(u.target));
    byTarget.set(id, [...(byTarget.get(id) ?? []), snapshotOf(u)]);
  }
  if (byTarget.size === 0) return;
  const targets: Current[] =
    known ??
    (await Target.find({ _id: anyOf([...byTarget.keys()]) }, { latest: 1, previous: 1, recent: 1 }).lean());
  const ops = targets.map((t) => {
    const seen = new Set<string>();
    const ranked = [
      ...(byTarget.get(t._id) ?? []),
      t.latest as Snapshot | undefined,
      t.previous as Snapshot | undefined,
      ...((t.recent as Snapshot[] | undefined) ?? []),
    ]
      .filter((s): s is Snapshot => !!s && !seen.has(s.update) && !!seen.add(s.update))
      .sort(newer);
    const recent = ranked.slice(0, RECENT).map(brief);
    return {
      updateOne: {
        filter: { _id: t._id },
        update: ranked[1]
          ? { $set: { latest: ranked[0], previous: ranked[1], recent } }
          : { $set: { latest: ranked[0], recent } },
      },
    };
  });
  for (let i = 0; i < ops.length; i += 1000) await Target.bulkWrite(ops.slice(i, i + 1000) as never);
}
