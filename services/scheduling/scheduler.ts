import { Job, JobClaim } from '../../models';
import { insertNew } from '../../models/insert-new';
import { trusted } from '../../models/operators';
import type { Logger } from '../log/logger';
import { claimAttempt, Leases } from './claims';
import { dueJobs, type DueJob } from './due-jobs';
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

export interface SchedulerOptions {
  now?: () => Date;
  /** Told how late each job ran (metrics), once it is done. Must not throw. */
  onJobRan?: (kind: string, lagSeconds: number) => void;
  /** A run not renewed for this long was made by an instance that died (30 s by default). */
  claimTimeoutMs?: number;
  /** Identifies this instance in its claims, for the logs. */
  instance?: string;
}

/**
 * Runs jobs that are due, each once however many instances poll: every run is claimed by
 * inserting "<job>#<attempt>" (models/claim.ts), renewed while it runs, and one left by a dead
 * instance is counted as made so the next instance to poll runs the job again. Handlers are
 * idempotent as well (they queue outbox messages under keys derived from the job id), so a run
 * cut short and made again repeats nothing.
 */
export class Scheduler {
  private readonly now: () => Date;
  private readonly leases: Leases;

  constructor(
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: Logger,
    private readonly options: SchedulerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.leases = new Leases(JobClaim, this.claimTimeoutMs, this.now, (error) =>
      log.warn({ err: error }, 'Job claims could not be renewed'),
    );
  }

  private get claimTimeoutMs(): number {
    return this.options.claimTimeoutMs ?? 30_000;
  }

  /** Runs what is due now, oldest first, up to 200; resolves with how many were due. */
  async runDue(): Promise<number> {
    const due = await dueJobs(this.now(), 200);
    for (const job of due) await this.run(job);
    return due.length;
  }

  private async run(job: DueJob): Promise<void> {
    const attempt = job.attempts ?? 0;
    const key = `${job._id}#${attempt}`;
    const at = this.now();
    const claimed = await claimAttempt(JobClaim, key, {
      now: at,
      timeoutMs: this.claimTimeoutMs,
      by: this.options.instance,
    });
    // The instance running it died: count that run as made, so the next poll claims a new one.
    const nextAttempt = { $set: { attempts: attempt + 1 } };
    // (Jobs stored before runs were counted have no `attempts`: $in with null matches those.)
    const unchanged = trusted({ $in: attempt === 0 ? [0, null] : [attempt] });
    if (claimed === 'stale') await Job.updateOne({ _id: job._id, attempts: unchanged }, nextAttempt);
    if (claimed !== 'claimed') return;
    this.leases.hold(key, at);
    try {
      const handler = this.handlers[job.kind];
      const outcome = handler
        ? await handler(job.payload as Record<string, unknown>, { id: job._id, at: job.at }).catch(
            (error: Error) => {
              this.log.error({ err: error, job: job._id }, 'Job failed; it will run again');
              return undefined;
            },
          )
        : `no handler for ${job.kind}`;
      if (outcome === undefined) {
        await Job.updateOne({ _id: job._id }, nextAttempt);
        return;
      }
      await Job.updateOne(
        { _id: job._id },
        { $set: { state: 'done', doneAt: this.now(), outcome, attempts: attempt + 1 } },
      );
      this.log.info({ job: job._id, outcome, by: this.options.instance }, 'Job done');
      this.options.onJobRan?.(job.kind, (at.getTime() - new Date(job.at).getTime()) / 1000);
    } finally {
      this.leases.drop(key);
    }
  }

  /** Runs every `intervalMs` until the returned poll is stopped. */
  start(intervalMs: number, log: Logger): Poll {
    const running = poll('Scheduler run', intervalMs, () => this.runDue(), log);
    // A shutdown lets the run under way finish (its claim renewed), then renews nothing more.
    return { stop: () => running.stop().then(() => this.leases.stop()) };
  }
}
