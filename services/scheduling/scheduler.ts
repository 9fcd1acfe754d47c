import { Job } from '../../models';
import { insertNew } from '../../models/insert-new';
import type { JobDoc } from '../../models/job';
import { trusted } from '../../models/operators';
import type { Logger } from '../log/logger';
import { poll, type Poll } from './poll';

export type JobHandler = (payload: Record<string, unknown>, job: { id: string; at: Date }) => Promise<string>;

export interface NewJob {
  id: string;
  kind: string;
  at: Date;
  payload: Record<string, unknown>;
}

/** Persists jobs; a job already scheduled under the same id is left as it is. */
export async function schedule(jobs: NewJob[]): Promise<void> {
  await insertNew(
    Job,
    jobs.map((j) => ({ _id: j.id, kind: j.kind, at: j.at, payload: j.payload })),
  );
}

/**
 * Runs jobs that are due. Handlers must be idempotent (they queue outbox messages under keys
 * derived from the job id), which is what lets a restart, or a second instance running the same
 * job at the same moment, repeat nothing: marking a job done is bookkeeping, not the guard.
 */
export class Scheduler {
  constructor(
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** Told how late each job ran (metrics), once it is done. Must not throw. */
    private readonly onJobRan?: (kind: string, lagSeconds: number) => void,
  ) {}

  async runDue(): Promise<number> {
    const due = (await Job.find({ state: 'due', at: trusted({ $lte: this.now() }) })
      .sort({ at: 1 })
      .limit(200)
      .lean()) as (JobDoc & { _id: string })[];
    for (const job of due) {
      const handler = this.handlers[job.kind];
      const startedAt = this.now();
      const outcome = handler
        ? await handler(job.payload as Record<string, unknown>, { id: job._id, at: job.at }).catch(
            (error: Error) => {
              this.log.error({ err: error, job: job._id }, 'Job failed; it will run again');
              return undefined;
            },
          )
        : `no handler for ${job.kind}`;
      if (outcome === undefined) continue;
      await Job.updateOne({ _id: job._id }, { $set: { state: 'done', doneAt: this.now(), outcome } });
      this.log.info({ job: job._id, outcome }, 'Job done');
      this.onJobRan?.(job.kind, (startedAt.getTime() - new Date(job.at).getTime()) / 1000);
    }
    return due.length;
  }

  /** Runs every `intervalMs` until the returned poll is stopped. */
  start(intervalMs: number, log: Logger): Poll {
    return poll('Scheduler run', intervalMs, () => this.runDue(), log);
  }
}
