import { anyOf } from '../../models/operators';
import { Target } from '../../models';
import type { Doc } from './documents';
import { scoped } from './documents';

type Snapshot = Record<string, unknown> & { update: string; asOf: string; at: Date };
type Current = { _id: string; latest?: unknown; previous?: unknown; recent?: unknown; confirmed?: unknown };

/**
 * Where an update stands in its plan's sign-off chain (models/sign-off.ts): `provisional` until the
 * chain's last step approves it, `returned` when a step sends it back, `confirmed` after — at once
 * for a plan with no chain, and for figures imported from a plan file.
 */
export type FigureStatus = 'provisional' | 'returned' | 'confirmed';

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
 * Keeps `latest`, `previous`, `recent` and `confirmed` (the newest confirmed figure: what reports and
 * open data show) on each target the new updates touch. The two are by invariant the
 * newest of the history, so the new updates need only be ranked against them, not against the
 * whole ledger.
 */
export async function refreshLatest(
  planId: string,
  updates: Doc[],
  /** The targets' current latest/previous when the caller has just read them: saves reading again. */
  known?: Current[],
  /** Where the new updates stand in the sign-off chain; `confirmed` ones also become `confirmed`. */
  status: FigureStatus = 'confirmed',
): Promise<void> {
  const byTarget = new Map<string, Snapshot[]>();
  for (const u of updates) {
    const id = scoped(planId, String(u.target));
    byTarget.set(id, [...(byTarget.get(id) ?? []), { ...snapshotOf(u), status }]);
  }
  if (byTarget.size === 0) return;
  const targets: Current[] =
    known ??
    (await Target.find(
      { _id: anyOf([...byTarget.keys()]) },
      { latest: 1, previous: 1, recent: 1, confirmed: 1 },
    ).lean());
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
    const confirmed = [
      ...(byTarget.get(t._id) ?? []).filter((u) => u.status === 'confirmed'),
      t.confirmed as Snapshot | undefined,
    ]
      .filter((u): u is Snapshot => !!u)
      .sort(newer)[0];
    return {
      updateOne: {
        filter: { _id: t._id },
        update: {
          $set: {
            latest: ranked[0],
            ...(ranked[1] ? { previous: ranked[1] } : {}),
            recent,
            ...(confirmed ? { confirmed } : {}),
          },
        },
      },
    };
  });
  for (let i = 0; i < ops.length; i += 1000) await Target.bulkWrite(ops.slice(i, i + 1000) as never);
}
