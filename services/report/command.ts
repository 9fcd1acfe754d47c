import { Cycle, Person } from '../../models';
import { anyOf } from '../../models/operators';
import { notice } from '../answers/notice';
import type { View } from '../answers/views';
import { enqueue } from '../delivery/outbox';
import type { Links } from '../links';
import type { Logger } from '../log/logger';
import { loadReport, type StoredCycle } from './load';
import { reportView } from './view';

/** What "performance report Q3 2026/27 [draft]" asked for; `plan` when the question named one. */
export interface ReportAsk {
  cycle?: string;
  draft: boolean;
  plan?: string;
}

const squash = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Levenshtein distance, for "did you mean": cycle names are short ("Q3 2026/27"). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The cycle a report asks for: by name (spacing, case and punctuation ignored: "q3 2026-27"), in
 * the plan named when one was; with no name, the newest closed cycle (a report is of a finished
 * cycle), else the newest. Otherwise the closest names, for "did you mean".
 */
export async function reportCycle(
  ask: ReportAsk,
): Promise<{ cycle: StoredCycle } | { suggestions: string[]; known: number }> {
  const all = (await Cycle.find().sort({ opensOn: -1 }).lean()) as StoredCycle[];
  const cycles = ask.plan ? all.filter((c) => c.plan === ask.plan) : all;
  if (!ask.cycle) {
    const cycle = cycles.find((c) => c.status === 'closed') ?? cycles[0];
    return cycle ? { cycle } : { suggestions: [], known: 0 };
  }
  const wanted = squash(ask.cycle);
  const cycle = cycles.find((c) => squash(c.name) === wanted);
  if (cycle) return { cycle };
  const suggestions = [...new Set(cycles.map((c) => c.name))]
    .map((name) => ({ name, d: distance(wanted, squash(name)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((s) => s.name);
  return { suggestions, known: cycles.length };
}

/**
 * "performance report Q3 2026/27 [draft]" for the policy team (the caller checks): the summary card
 * with links to the files; for a cycle that does not exist, "did you mean"; for one with no
 * confirmed figures, says so (and how many await sign-off) and makes no files.
 */
export async function performanceReport(ask: ReportAsk, links: Links | undefined, now: Date): Promise<View> {
  const found = await reportCycle(ask);
  const again = (name: string) => `performance report ${name}${ask.draft ? ' draft' : ''}`;
  if ('suggestions' in found) {
    if (!found.known)
      return notice('No monitoring cycle has been opened yet, so there is nothing to report.');
    return notice(
      `There is no monitoring cycle called "${ask.cycle}".${found.suggestions.length ? ` Did you mean ${found.suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
      found.suggestions.map(again),
    );
  }
  return cycleReport(found.cycle, ask.draft, links, now);
}

/** A cycle's report card, or a notice saying why there is none (nothing to report, plan gone). */
export async function cycleReport(
  cycle: StoredCycle,
  draft: boolean,
  links: Links | undefined,
  now: Date,
  note?: string,
): Promise<View> {
  const loaded = await loadReport(cycle, draft, now);
  if (!loaded)
    return notice(`The plan of "${cycle.name}" is no longer loaded, so there is nothing to report.`);
  if (loaded.model.reported === 0) {
    const lead = note ? `${note} ` : '';
    if (draft)
      return notice(`${lead}No target in "${cycle.name}" has a figure reported yet, so there is no report.`);
    const waiting = (await loadReport(cycle, true, now))?.model.reported ?? 0;
    return notice(
      `${lead}No target in "${cycle.name}" has a confirmed figure yet, so there is no report${waiting ? `: ${waiting} figure${waiting === 1 ? ' is' : 's are'} still awaiting sign-off` : ''}. A draft shows the latest figures, confirmed or not.`,
      [`performance report ${cycle.name} draft`],
    );
  }
  return reportView(loaded.model, links, note);
}

/**
 * When a cycle closes: its report card (confirmed figures) for whoever closed it — returned, to be
 * the reply, after `note` (what closing did) — and queued through the outbox for every other
 * member of the policy team, once each (the delivery is keyed by cycle and person). Closing
 * through the command line (no `closer`) queues it for the whole policy team. With no confirmed
 * figures the closer is told so and nothing is queued.
 */
export async function reportOnClose(
  cycle: StoredCycle,
  deps: { closer?: string; note: string; links: Links | undefined; now: Date; log: Logger },
): Promise<View> {
  const view = await cycleReport(cycle, false, deps.links, deps.now, deps.note);
  if (view.kind !== 'performanceReport') return view;
  const team = await Person.find({ roles: anyOf(['policy', 'admin']) as never }, { _id: 1 }).lean();
  const to = team.map((p) => String(p._id)).filter((p) => p !== deps.closer);
  const { queued, unreachable } = await enqueue(
    to.map((person) => ({
      id: `report-on-close:${cycle._id}:${person}`,
      batch: `report:${cycle._id}`,
      person,
      message: view,
    })),
    deps.now,
  );
  if (unreachable.length)
    deps.log.warn({ cycle: cycle._id, unreachable }, 'Report on close: policy team members not reachable');
  deps.log.info({ cycle: cycle._id, queued }, 'Report on close queued for the policy team');
  return view;
}
