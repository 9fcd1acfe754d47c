import { Delivery, DeliveryClaim } from '../../models';
import type { DeliveryDoc } from '../../models/delivery';
import { isDuplicateKey } from '../../models/insert-new';
import { trusted } from '../../models/operators';
import type { View } from '../answers/views';
import type { Logger } from '../log/logger';
import { poll, type Poll } from '../scheduling/poll';
import { RateLimits } from './limits';
import { SendError, type Platform, type Sender } from './sender';

export interface DispatcherOptions {
  senders: Partial<Record<Platform, Sender>>;
  log: Logger;
  limits?: RateLimits;
  now?: () => Date;
  /** A claim older than this, on a delivery still pending, was made by an instance that died. */
  claimTimeoutMs?: number;
  /** Refusals (not 429s) after which a delivery is marked failed. */
  maxAttempts?: number;
  batchSize?: number;
  /** Identifies this instance in claims, for the logs. */
  instance?: string;
}

type Pending = DeliveryDoc & { _id: string };
type Outcome = 'sent' | 'retrying' | 'failed' | 'cancelled';

/**
 * Drains the outbox. Each attempt at a delivery is claimed by inserting "<delivery>#<attempt>"
 * (atomic everywhere), so two instances never send the same attempt; a claim left by a dead
 * instance is given up after `claimTimeoutMs` and the next attempt claimed instead.
 */
export class Dispatcher {
  private readonly limits: RateLimits;
  private readonly now: () => Date;
  private draining: Promise<Record<Outcome, number>> | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.limits = options.limits ?? new RateLimits();
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Sends everything due now; resolves when every claimed delivery has an outcome. The next batch
   * is read and claimed while the last one is still being sent, so the platform's rate limit, not
   * the database, sets the pace of a large broadcast.
   */
  drain(): Promise<Record<Outcome, number>> {
    // One drain per instance at a time: a poll tick during a long broadcast joins the running one.
    this.draining ??= this.drainAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainAll(): Promise<Record<Outcome, number>> {
    const tally: Record<Outcome, number> = { sent: 0, retrying: 0, failed: 0, cancelled: 0 };
    const batch = this.options.batchSize ?? 500;
    const inFlight = new Map<string, Promise<void>>();
    for (;;) {
      const due = (await Delivery.find({ status: 'pending', nextAt: trusted({ $lte: this.now() }) })
        .sort({ nextAt: 1 })
        .limit(batch + inFlight.size)
        .lean()) as Pending[];
      const fresh = due.filter((d) => !inFlight.has(d._id) && !this.paused(d)).slice(0, batch);
      const claimed = (await Promise.all(fresh.map((d) => this.claim(d)))).filter((d): d is Pending => !!d);
      for (const d of claimed)
        inFlight.set(
          d._id,
          this.attempt(d).then((outcome) => {
            tally[outcome]++;
            inFlight.delete(d._id);
          }),
        );
      if (inFlight.size === 0) return tally;
      // Read more when half the batch is out, or when everything in flight has settled.
      await Promise.race([Promise.all(inFlight.values()), until(() => inFlight.size <= batch / 2)]);
    }
  }

  /** Runs every `intervalMs` until the returned poll is stopped. */
  start(intervalMs: number, log: Logger): Poll {
    return poll('Outbox drain', intervalMs, () => this.drain(), log);
  }

  private paused(d: Pending): boolean {
    return this.limits.resumesAt(d.platform as Platform) > 0;
  }

  private async claim(d: Pending): Promise<Pending | undefined> {
    const key = `${d._id}#${d.attempts}`;
    try {
      await DeliveryClaim.create({ _id: key, at: this.now(), by: this.options.instance });
      return d;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const claim = await DeliveryClaim.findById(key).lean();
      const stale =
        claim && this.now().getTime() - claim.at.getTime() > (this.options.claimTimeoutMs ?? 120_000);
      // Whoever claimed this attempt died mid-send: count it as made, so the next one can be claimed.
      if (stale)
        await Delivery.updateOne(
          { _id: d._id, attempts: d.attempts },
          { $set: { attempts: d.attempts + 1 } },
        );
      return undefined;
    }
  }

  private async attempt(d: Pending): Promise<Outcome> {
    const platform = d.platform as Platform;
    const sender = this.options.senders[platform];
    const address = d.address as Record<string, unknown>;
    const attempts = d.attempts + 1;
    try {
      if (!sender) throw new SendError(`${platform} is not configured`, false);
      const sent = await this.limits.schedule(platform, sender.conversationOf(address), async () =>
        // A broadcast cancelled while this waited for its turn must not go out.
        (await Delivery.exists({ _id: d._id, status: 'pending' }))
          ? sender.send(address, d.message as View)
          : undefined,
      );
      if (!sent) return 'cancelled';
      const { id } = sent;
      await Delivery.updateOne(
        { _id: d._id },
        { $set: { status: 'sent', sentAt: this.now(), sentId: id, attempts }, $unset: { error: 1 } },
      );
      return 'sent';
    } catch (error) {
      const refused = error instanceof SendError ? error : new SendError((error as Error).message, true);
      if (refused.throttled) {
        const wait = refused.retryAfterMs ?? 1000;
        this.limits.pause(platform, wait);
        await Delivery.updateOne(
          { _id: d._id },
          { $set: { attempts, error: refused.message, nextAt: new Date(this.now().getTime() + wait) } },
        );
        return 'retrying';
      }
      const failures = (d.failures ?? 0) + 1;
      const giveUp = !refused.retryable || failures >= (this.options.maxAttempts ?? 8);
      this.options.log.warn(
        { delivery: d._id, attempts, failures, error: refused.message, giveUp },
        giveUp ? 'Delivery failed' : 'Delivery will be retried',
      );
      const wait = refused.retryAfterMs ?? backoff(failures);
      await Delivery.updateOne(
        { _id: d._id },
        {
          $set: giveUp
            ? { status: 'failed', attempts, failures, error: refused.message }
            : { attempts, failures, error: refused.message, nextAt: new Date(this.now().getTime() + wait) },
        },
      );
      return giveUp ? 'failed' : 'retrying';
    }
  }
}

/** Resolves once `done()` holds, checking every 20 ms. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 20));
    check();
  });
}

/** Exponential backoff with jitter: up to 1 s, 2 s, 4 s … capped at 5 minutes, never under 250 ms. */
function backoff(attempt: number): number {
  return 250 + Math.round(Math.random() * Math.min(300_000, 1000 * 2 ** (attempt - 1)));
}
