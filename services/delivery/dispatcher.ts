import { Delivery, DeliveryCancel, DeliveryClaim } from '../../models';
import { anyOf } from '../../models/operators';
import type { View } from '../answers/views';
import type { Logger } from '../log/logger';
import { claimAttempt, Leases } from '../scheduling/claims';
import { poll, type Poll } from '../scheduling/poll';
import { dueDeliveries, type DueDelivery } from './due';
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
  /** Deliveries read at a time (500); each platform lines up only a few seconds of them. */
  batchSize?: number;
  /** Identifies this instance in claims, for the logs. */
  instance?: string;
  /** Told what became of each attempt, and of each 429, per platform (metrics). Must not throw. */
  observer?: DeliveryObserver;
}

export interface DeliveryObserver {
  outcome(platform: Platform, outcome: Outcome): void;
  /** The platform answered 429: the attempt counts as `retrying`, and the platform pauses. */
  throttled(platform: Platform): void;
}

type Pending = DueDelivery;
/** Seconds of sends, at the platform's pace, an instance claims ahead of sending them. */
const LOOKAHEAD_SECONDS = 4;

export type Outcome = 'sent' | 'retrying' | 'failed' | 'cancelled' | 'skipped' | 'released';

/** Thrown in place of a send whose claim stop() gave back before its turn came. */
class Released extends Error {}
/** A claim this instance no longer trusts (services/scheduling/claims.ts Leases): not sent. */
class Untrusted extends Error {}

/**
 * Drains the outbox. Each attempt at a delivery is claimed by inserting "<delivery>#<attempt>"
 * (atomic everywhere), so two instances never send the same attempt; the claim is renewed while
 * the send waits its turn and until it is recorded, and one left by a dead instance (not renewed
 * for `claimTimeoutMs`) is given up and the next attempt claimed instead. The app-wide rate is
 * shared with every other instance through the database (RateLimits).
 */
export class Dispatcher {
  private readonly limits: RateLimits;
  private readonly now: () => Date;
  private readonly leases: Leases;
  private draining: Promise<Record<Outcome, number>> | undefined;
  /** Claims this instance holds for sends not yet handed to the platform. */
  private readonly waiting = new Set<string>();
  /** Sends handed to the platform and not yet recorded. */
  private readonly sending = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly stopped: Promise<void>;
  private signalStopped: () => void = () => undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.limits = options.limits ?? new RateLimits(undefined, options.instance);
    this.now = options.now ?? (() => new Date());
    this.leases = new Leases(DeliveryClaim, this.claimTimeoutMs, this.now, (error) =>
      options.log.warn({ err: error }, 'Outbox claims could not be renewed'),
    );
    this.stopped = new Promise((resolve) => (this.signalStopped = resolve));
  }

  /**
   * Stops for good, for a shutdown: reads and claims nothing more, gives back the claims on sends
   * still waiting their turn (deleting them, so another instance sends them now rather than after
   * the claim timeout), and resolves once the sends already on the wire are recorded. What was
   * handed to the platform is never given back: that would send it twice.
   */
  async stop(): Promise<{ released: number }> {
    this.stopping = true;
    this.signalStopped();
    // A claim this instance stopped trusting may have been taken over: it is left to go stale.
    const released = [...this.waiting].filter((claim) => this.leases.trusted(claim));
    this.waiting.clear();
    this.limits.stop();
    await Promise.all([
      released.length ? DeliveryClaim.deleteMany({ _id: anyOf(released) }) : undefined,
      Promise.allSettled([...this.sending]),
    ]);
    await this.draining;
    await this.leases.stop();
    return { released: released.length };
  }

  /**
   * Sends everything due now; resolves when every delivery read has an outcome. The next batch is
   * read while the last one is still being sent, so the platform's rate limit, not the database,
   * sets the pace of a large broadcast; a pause asked for by the platform is waited out here.
   */
  drain(): Promise<Record<Outcome, number>> {
    // One drain per instance at a time: a poll tick during a long broadcast joins the running one.
    this.draining ??= this.drainAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainAll(): Promise<Record<Outcome, number>> {
    const tally: Record<Outcome, number> = {
      sent: 0,
      retrying: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
      released: 0,
    };
    const batch = this.options.batchSize ?? 500;
    const inFlight = new Map<string, { platform: Platform; done: Promise<void> }>();
    const lined = (p: Platform) => [...inFlight.values()].filter((f) => f.platform === p).length;
    // A claimed send waits its turn in the paced queue; a few seconds' worth at a time (at the
    // whole app's rate: with other instances sending, longer), so an instance that dies strands little.
    const room = (p: Platform) => Math.max(1, Math.ceil(this.limits.rate(p) * LOOKAHEAD_SECONDS)) - lined(p);
    // Read ahead of the paced queue and refill before it runs dry: a read costs a round trip and
    // the batch's worth of rows (services/delivery/due.ts), too much for every few sends.
    let buffer: Pending[] = [];
    for (;;) {
      let read = 0;
      if (this.stopping) buffer = [];
      else if (buffer.length < batch / 4) {
        const known = new Set([...inFlight.keys(), ...buffer.map((d) => d._id)]);
        const due = await dueDeliveries(this.now(), batch + known.size);
        const fresh = due.filter((d) => !known.has(d._id));
        read = fresh.length;
        buffer.push(...fresh);
      }
      const free: Record<Platform, number> = { teams: room('teams'), slack: room('slack') };
      const start = buffer.filter((d) => !this.paused(d) && free[d.platform as Platform]-- > 0);
      const started = new Set(start);
      buffer = buffer.filter((d) => !started.has(d));
      for (const d of start)
        inFlight.set(d._id, {
          platform: d.platform as Platform,
          done: this.attempt(d).then((outcome) => {
            tally[outcome]++;
            this.options.observer?.outcome(d.platform as Platform, outcome);
            inFlight.delete(d._id);
          }),
        });
      if (inFlight.size === 0) {
        if (buffer.length === 0) {
          if (read === 0) return tally;
          continue;
        }
        // Everything left is for a paused platform: wait for it.
        const resumes = Math.min(...buffer.map((d) => this.limits.resumesAt(d.platform as Platform)));
        await Promise.race([this.stopped, sleep(Math.max(10, resumes - Date.now()))]);
        continue;
      }
      // Line up more when half of what is lined up has gone, or everything has settled.
      const target = inFlight.size / 2;
      await Promise.race([
        Promise.all([...inFlight.values()].map((f) => f.done)),
        until(() => inFlight.size <= target),
      ]);
    }
  }

  /** Runs every `intervalMs` until the returned poll is stopped. */
  start(intervalMs: number, log: Logger): Poll {
    return poll('Outbox drain', intervalMs, () => this.drain(), log);
  }

  /** How long another instance trusts a claim before taking its holder for dead (30 s by default). */
  private get claimTimeoutMs(): number {
    return this.options.claimTimeoutMs ?? 30_000;
  }

  private paused(d: Pending): boolean {
    return this.limits.resumesAt(d.platform as Platform) > 0;
  }

  /** The right to make this attempt: false when another instance has it (or had it and died). */
  private async claim(d: Pending, key: string): Promise<boolean> {
    const at = this.now();
    const outcome = await claimAttempt(DeliveryClaim, key, {
      now: at,
      timeoutMs: this.claimTimeoutMs,
      by: this.options.instance,
    });
    if (outcome === 'claimed') this.leases.hold(key, at);
    // Whoever claimed this attempt died mid-send: count it as made, so the next one can be claimed.
    if (outcome === 'stale')
      await Delivery.updateOne({ _id: d._id, attempts: d.attempts }, { $set: { attempts: d.attempts + 1 } });
    return outcome === 'claimed';
  }

  private async attempt(d: Pending): Promise<Outcome> {
    const platform = d.platform as Platform;
    const sender = this.options.senders[platform];
    const address = d.address as Record<string, unknown>;
    const attempts = d.attempts + 1;
    const claim = `${d._id}#${d.attempts}`;
    let handedOver = false;
    try {
      if (!sender) throw new SendError(`${platform} is not configured`, false);
      // Claimed just before it joins the paced queue (after any pause), so an instance holds only
      // the sends of its current batch; the database work stays out of the paced slot, which
      // holds nothing but the request, so requests leave evenly spaced.
      await Promise.race([this.stopped, this.limits.untilResumed(platform)]);
      if (this.stopping || !(await this.claim(d, claim))) return 'skipped';
      this.waiting.add(claim);
      // A broadcast cancelled since this was read must not go out. The claim makes this instance
      // the delivery's only writer, so it records the cancel itself (see cancelBatch).
      const [pending, cancelled] = await Promise.all([
        Delivery.exists({ _id: d._id, status: 'pending' }),
        DeliveryCancel.exists({ _id: d.batch }),
      ]);
      if (!pending || cancelled) {
        this.waiting.delete(claim);
        if (pending) await Delivery.updateOne({ _id: d._id }, { $set: { status: 'cancelled' } });
        return 'cancelled';
      }
      const sent = await this.limits.schedule(platform, sender.conversationOf(address), () => {
        // stop() gave the claim back: another instance may be sending this very attempt.
        if (!this.waiting.delete(claim)) throw new Released();
        // Not renewed for half the claim timeout (this instance was frozen, or the database away):
        // another instance may be making this attempt by now.
        if (!this.leases.trusted(claim)) throw new Untrusted();
        handedOver = true;
        const sending = sender.send(address, d.message as View);
        this.sending.add(sending);
        return sending.finally(() => this.sending.delete(sending));
      });
      const { id } = sent;
      await Delivery.updateOne(
        { _id: d._id },
        { $set: { status: 'sent', sentAt: this.now(), sentId: id, attempts }, $unset: { error: 1 } },
      );
      return 'sent';
    } catch (error) {
      // Not sent; the claim is left to go stale rather than deleted, because another instance may
      // have counted it as made already: whoever reads the delivery next makes the next attempt.
      if (error instanceof Untrusted) {
        this.options.log.warn({ delivery: d._id }, 'Send not made: its claim could not be renewed in time');
        return 'released';
      }
      // Never handed to the platform, and stopping (the pace rejects what waits for a slot when it
      // stops): the claim goes back, unless stop() gave it back already or it is no longer trusted.
      if (this.stopping && !handedOver) {
        if (this.waiting.delete(claim) && this.leases.trusted(claim))
          await DeliveryClaim.deleteOne({ _id: claim });
        return 'released';
      }
      const refused = error instanceof SendError ? error : new SendError((error as Error).message, true);
      if (refused.throttled) {
        const wait = refused.retryAfterMs ?? 1000;
        this.limits.pause(platform, wait);
        this.options.observer?.throttled(platform);
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
    } finally {
      this.leases.drop(claim);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
