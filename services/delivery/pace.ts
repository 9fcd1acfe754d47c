import { SendSlot } from '../../models';
import { isDuplicateKey } from '../../models/insert-new';
import { trusted } from '../../models/operators';

/**
 * True when this instance now holds block `id` (models/claim.ts SendSlot, a unique-key insert),
 * false when another instance has it.
 */
async function claimSlots(id: string, by: string): Promise<boolean> {
  try {
    await SendSlot.create({ _id: id, at: new Date(), by });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Thrown to whoever waits for a slot when the pace is stopped (a shutdown). */
export class PaceStopped extends Error {
  constructor() {
    super('The send pace has been stopped');
  }
}

/** How far ahead of now a block must start to be claimed: time for the insert to land. */
const LEAD_MS = 50;
/** Blocks are forgotten this long after they were claimed. */
const KEEP_MS = 10 * 60_000;

/**
 * One platform's app-wide rate, shared by every instance on the database. Time is cut into slots
 * `1000 / perSecond` ms apart, counted from the epoch, and slots into blocks of about a second;
 * an instance sends only in slots of blocks it has claimed (a unique-key insert of
 * "<platform>|<block>"), so however many instances send, together they send at most one message a
 * slot, evenly spaced — what a platform counting requests in a sliding second allows. Every
 * instance must be configured with the same rate, and their clocks agree (NTP): a skew of d ms
 * can put d × perSecond / 1000 extra sends into a second, which the caller's headroom absorbs.
 *
 * No library does this over MongoDB and FerretDB both: rate-limiter-flexible's Mongo store counts
 * in fixed windows (a burst of twice the limit across a window's edge) with updates, and updates
 * are not atomic on FerretDB (design.md); Bottleneck shares limits only through Redis.
 */
export class SharedPace {
  private readonly interval: number;
  private readonly perBlock: number;
  /** Slot times (ms since epoch) of blocks this instance holds, in order. */
  private slots: number[] = [];
  private lastBlock = -1;
  private claiming: Promise<void> | undefined;
  /** Callers waiting for a slot, so a block is claimed ahead before the last one runs out. */
  private waiting = 0;
  private claimed = 0;
  private stopped = false;
  private readonly stop$: Promise<never>;
  private rejectStop: (error: Error) => void = () => undefined;

  /**
   * @param platform names the blocks ("teams|<n>")
   * @param perSecond slots per second for the whole app, headroom already taken off
   * @param by this instance, recorded in its blocks
   */
  constructor(
    private readonly platform: string,
    perSecond: number,
    private readonly by: string,
  ) {
    this.interval = 1000 / perSecond;
    this.perBlock = Math.max(1, Math.ceil(perSecond));
    this.stop$ = new Promise<never>((_, reject) => (this.rejectStop = reject));
    this.stop$.catch(() => undefined);
  }

  /**
   * Resolves at this instance's next slot, ready to send. A slot missed by more than one interval
   * (the event loop was busy) is skipped rather than used late, which could put two sends into
   * one slot's time. Rejects with PaceStopped once stop() is called.
   */
  async next(): Promise<void> {
    this.waiting++;
    try {
      for (;;) {
        if (this.stopped) throw new PaceStopped();
        const now = Date.now();
        while (this.slots.length && this.slots[0]! < now - this.interval) this.slots.shift();
        // Claim the next block while this one still has slots, so there is no gap between them.
        // Blocks are claimed only for sends waiting (the dispatcher lines up a few seconds' worth),
        // so an instance that dies or runs dry strands little of the app's rate.
        // (A failure here is met again, and thrown, by the caller that awaits the claim below.)
        if (this.slots.length < this.perBlock / 2 && this.slots.length < this.waiting)
          this.claimAhead().catch(() => undefined);
        const at = this.slots.shift();
        if (at !== undefined) {
          if (at > now) await Promise.race([this.stop$, sleep(at - now)]);
          if (this.stopped) throw new PaceStopped();
          return;
        }
        await Promise.race([this.stop$, this.claimAhead()]);
      }
    } finally {
      this.waiting--;
    }
  }

  /** Gives up the rest of the held slots until `until` (a 429's Retry-After): none is used. */
  skipUntil(until: number): void {
    this.slots = this.slots.filter((at) => at >= until);
  }

  /** Wakes every waiter with PaceStopped. */
  stop(): void {
    this.stopped = true;
    this.rejectStop(new PaceStopped());
  }

  private claimAhead(): Promise<void> {
    this.claiming ??= this.claimBlock().finally(() => (this.claiming = undefined));
    return this.claiming;
  }

  /** Claims the first free block starting after both now and the last block this instance holds. */
  private async claimBlock(): Promise<void> {
    const blockMs = this.perBlock * this.interval;
    let block = Math.max(this.lastBlock + 1, Math.ceil((Date.now() + LEAD_MS) / blockMs));
    // Other instances hold the next few: try up to four blocks on, then wait a block and try again.
    for (let tries = 0; tries < 4 && !this.stopped; tries++, block++) {
      if (!(await claimSlots(`${this.platform}|${block}`, this.by))) continue;
      this.lastBlock = block;
      const start = block * blockMs;
      for (let i = 0; i < this.perBlock; i++) this.slots.push(start + i * this.interval);
      // Blocks claimed long ago are forgotten now and then (a small table: about one row a second).
      if (++this.claimed % 600 === 0)
        await SendSlot.deleteMany({ at: trusted({ $lt: new Date(Date.now() - KEEP_MS) }) });
      return;
    }
    await Promise.race([this.stop$, sleep(blockMs)]).catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
