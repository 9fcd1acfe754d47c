import { Job } from '../../models';
import { dueBy } from '../../models/due-by';
import type { JobDoc } from '../../models/job';

export type DueJob = JobDoc & { _id: string };

/**
 * The next `limit` jobs due by `now`, oldest `at` first: the scheduler's read,
 * `Job.find({state: 'due', at <= now}).sort({at: 1}).limit(limit)`, with `at` bounded below too
 * (models/due-by.ts). With the index `{state: 1, at: 1}` (models/job.ts) the embedded database then
 * reads about `limit` rows however many jobs are done or due later. Lean documents; rejects as the
 * query does (database errors).
 */
export async function dueJobs(now: Date, limit: number): Promise<DueJob[]> {
  return (await Job.find({ state: 'due', at: dueBy(now) })
    .sort({ at: 1 })
    .limit(limit)
    .lean()) as DueJob[];
}
