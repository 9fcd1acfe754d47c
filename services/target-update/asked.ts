import { Cycle, CycleTarget } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { anyOf } from '../../models/operators';

export type OpenCycle = CycleDoc & { _id: string };

/** A target asked for in an open monitoring cycle, and whether it has been reported there. */
export interface Asked {
  cycle: OpenCycle;
  target: string;
  submitted: boolean;
}

/**
 * Where each of these targets (by `_id`) is asked for in an open monitoring cycle. A target in two
 * open cycles (a late quarter overlapping the next) is shown in the one still waiting for it, the
 * earliest due first, so the form that opens is the one the person is being chased for.
 */
export async function askedInOpenCycles(targetIds: readonly string[]): Promise<Map<string, Asked>> {
  const asked = new Map<string, Asked>();
  if (targetIds.length === 0) return asked;
  // A council has a handful of cycles a year; the open ones are fewer still.
  const cycles = (await Cycle.find({ status: 'open' }).lean()) as OpenCycle[];
  if (cycles.length === 0) return asked;
  cycles.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  // Natural-key ids: one read by `_id`, fast on MongoDB and on the embedded database alike.
  const ids = cycles.flatMap((c) => targetIds.map((t) => `${c._id}|${t}`));
  const rows = await CycleTarget.find({ _id: anyOf(ids) }, { cycle: 1, target: 1, submitted: 1 }).lean();
  const rowsByKey = new Map(rows.map((r) => [String(r._id), r]));
  for (const target of targetIds) {
    const mine = cycles
      .map((cycle) => ({ cycle, row: rowsByKey.get(`${cycle._id}|${target}`) }))
      .filter((m) => m.row);
    const chosen = mine.find((m) => !m.row?.submitted) ?? mine[0];
    if (chosen) asked.set(target, { cycle: chosen.cycle, target, submitted: !!chosen.row?.submitted });
  }
  return asked;
}
