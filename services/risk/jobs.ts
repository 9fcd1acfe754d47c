import { Cycle, CycleTarget, Plan, Priority, Risk, RiskReview, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { anyOf } from '../../models/operators';
import { enqueue } from '../delivery/outbox';
import { schedule, type JobHandler } from '../scheduling/scheduler';
import { matrixOf } from './matrix';
import type { StoredRisk } from './read';
import { reviewForm, reviewHeader } from './review';

type StoredCycle = CycleDoc & { _id: string };

/**
 * The open risks a cycle asks to be re-scored: every one of the plan when the whole plan is in
 * scope; otherwise those linked to a target in scope, or to its priority or aim.
 */
export async function risksInScope(
  cycle: Pick<StoredCycle, '_id' | 'plan' | 'scope'>,
): Promise<StoredRisk[]> {
  const risks = ((await Risk.find({ plan: cycle.plan }).sort({ order: 1 }).lean()) as StoredRisk[]).filter(
    (r) => r.status !== 'closed',
  );
  if (cycle.scope === 'all') return risks;
  const asked = await CycleTarget.find({ cycle: cycle._id }, { target: 1 }).lean();
  const targets = await Target.find(
    { _id: anyOf(asked.map((a) => a.target)) },
    { key: 1, priority: 1 },
  ).lean();
  const priorityKeys = [...new Set(targets.map((t) => t.priority))];
  const priorities = await Priority.find(
    { plan: cycle.plan, key: anyOf(priorityKeys) },
    { key: 1, aim: 1 },
  ).lean();
  const keys = new Set([
    ...targets.map((t) => t.key),
    ...priorities.map((p) => p.key),
    ...priorities.map((p) => p.aim),
  ]);
  const own = (link: string) =>
    link.startsWith(`${cycle.plan}:`) ? link.slice(cycle.plan.length + 1) : link;
  return risks.filter((r) => (r.links ?? []).some((l) => keys.has(own(l))));
}

/**
 * Risk reviews ride on a monitoring cycle: called when it opens (services/cycle/open.ts), this
 * schedules one `risk-review` job per owner of a risk in scope, at the moment the cycle's requests
 * go out. Returns how many owners were scheduled.
 */
export async function scheduleRiskReviews(
  cycle: Pick<StoredCycle, '_id' | 'plan' | 'scope'>,
  at: Date,
): Promise<number> {
  const owners = [
    ...new Set((await risksInScope(cycle)).map((r) => r.owner).filter((o): o is string => !!o)),
  ];
  await schedule(
    owners.map((owner) => ({
      id: `risk-review:${cycle._id}:${owner}`,
      kind: 'risk-review',
      at,
      payload: { cycle: cycle._id, owner },
    })),
  );
  return owners.length;
}

/**
 * Sends an owner a re-score form for each of their risks in the cycle's scope not yet reviewed in
 * it. Queued under keys made from the job id, so a repeated run queues nothing new.
 */
const reviewJob =
  (deps: { now: () => Date }): JobHandler =>
  async (payload, job) => {
    const cycle = (await Cycle.findById(String(payload.cycle)).lean()) as StoredCycle | null;
    if (!cycle || cycle.status === 'closed') return 'cycle closed or gone';
    const owner = String(payload.owner);
    const reviewed = new Set(
      (await RiskReview.find({ cycle: cycle._id }, { risk: 1 }).lean()).map((r) => String(r.risk)),
    );
    const mine = (await risksInScope(cycle)).filter((r) => r.owner === owner && !reviewed.has(r._id));
    if (!mine.length) return 'nothing to review';
    const matrix = matrixOf(await Plan.findById(cycle.plan, { riskMatrix: 1 }).lean());
    const { queued, unreachable } = await enqueue(
      mine.map((risk) => ({
        id: `${job.id}>${owner}>${risk._id}`,
        batch: job.id,
        person: owner,
        message: reviewForm(cycle, risk, matrix, reviewHeader(cycle)),
      })),
      deps.now(),
    );
    return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
  };

/** The risk register's jobs, on the bot's clock (as services/cycle/jobs.ts's are). */
export function riskJobs(deps: { now: () => Date }): Record<string, JobHandler> {
  return { 'risk-review': reviewJob(deps) };
}
