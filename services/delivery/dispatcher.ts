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
  maxAttempts?: number;
  batchSize?: number;
  /** Identifies this instance in claims, for the logs. */
  instance?: string;
}

type Pending = DeliveryDoc & { _id: string };

/**
 * Drains the outbox. Each attempt at a delivery is claimed by inserting "<delivery>#<attempt>"
 * (atomic everywhere), so two instances never send the same attempt; a claim left by a dead
 * instance is given up after `claimTimeoutMs` and the next attempt claimed instead.
 */
export class Dispatcher {
  private readonly limits: RateLimits;
  private readonly now: () => Date;

  constructor(private readonly options: DispatcherOptions) {
    this.limits = options.limits ?? new RateLimits();
    this.now = options.now ?? (() => new Date());
  }

  /** Sends everything due now; resolves when every claimed delivery has an outcome. */
  async drain(): Promise<{ sent: number; retrying: number; failed: number }> {
    const tally = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const due = (await Delivery.find({ status: 'pending', nextAt: trusted({ $lte: this.now() }) })
        .sort({ nextAt: 1 })
        .limit(this.options.batchSize ?? 500)
        .lean()) as Pending[];
      const claimed = (await Promise.all(due.map((d) => this.claim(d)))).filter((d): d is Pending => !!d);
      if (claimed.length === 0) return tally;
      for (const outcome of await Promise.all(claimed.map((d) => this.attempt(d)))) tally[outcome]++;
    }
  }

  /** Runs every `intervalMs` until the returned poll is stopped. */
  start(intervalMs: number, log: Logger): Poll {
    return poll('Outbox drain', intervalMs, () => this.drain(), log);
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

  private async attempt(d: Pending): Promise<'sent' | 'retrying' | 'failed'> {
    const platform = d.platform as Platform;
    const sender = this.options.senders[platform];
    const address = d.address as Record<string, unknown>;
    try {
      if (!sender) throw new SendError(`${platform} is not configured`, false);
      const { id } = await this.limits.schedule(platform, sender.conversationOf(address), () =>
        sender.send(address, d.message as View),
      );
      await Delivery.updateOne(
        { _id: d._id },
        { $set: { status: 'sent', sentAt: this.now(), sentId: id, attempts: d.attempts + 1 } },
      );
      return 'sent';
    } catch (error) {
      const refused = error instanceof SendError ? error : new SendError((error as Error).message, true);
      const attempts = d.attempts + 1;
      const giveUp = !refused.retryable || attempts >= (this.options.maxAttempts ?? 8);
      this.options.log.warn(
        { delivery: d._id, attempts, error: refused.message, giveUp },
        giveUp ? 'Delivery failed' : 'Delivery will be retried',
      );
      const wait = refused.retryAfterMs ?? backoff(attempts);
      await Delivery.updateOne(
        { _id: d._id },
        {
          $set: giveUp
            ? { status: 'failed', attempts, error: refused.message }
            : { attempts, error: refused.message, nextAt: new Date(this.now().getTime() + wait) },
        },
      );
      return giveUp ? 'failed' : 'retrying';
    }
  }
}

/** Exponential backoff with jitter: up to 1 s, 2 s, 4 s … capped at 5 minutes, never under 250 ms. */
function backoff(attempt: number): number {
  return 250 + Math.round(Math.random() * Math.min(300_000, 1000 * 2 ** (attempt - 1)));
}
