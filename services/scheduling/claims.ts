import type { ClaimModel } from '../../models/claim';
import { isDuplicateKey } from '../../models/insert-new';
import { anyOf } from '../../models/operators';

/** What became of an attempt to claim: ours, another live instance's, or left by a dead one. */
export type ClaimOutcome = 'claimed' | 'held' | 'stale';

/**
 * Claims attempt `key` ("<work>#<attempt>") by inserting it. `stale` means another instance
 * claimed it and has not said it was alive (its lease, below) for `timeoutMs`: it is taken for
 * dead, and the caller counts that attempt as made, so that the next one can be claimed — the
 * stale claim itself is never reused, so an instance that was only frozen cannot act on it
 * alongside its successor (it stops trusting a claim it has not renewed for half the timeout).
 */
export async function claimAttempt(
  claims: ClaimModel,
  key: string,
  options: { now: Date; timeoutMs: number; by?: string },
): Promise<ClaimOutcome> {
  try {
    await claims.create({ _id: key, at: options.now, by: options.by });
    return 'claimed';
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const claim = await claims.findById(key).lean();
    return claim && options.now.getTime() - claim.at.getTime() > options.timeoutMs ? 'stale' : 'held';
  }
}

/**
 * Keeps an instance's claims alive while it works on them: every quarter of the claim timeout it
 * writes the time into all of them at once (one `_id $in` update per 500, cheap on FerretDB), so
 * a slow send or job is never taken for a dead one. It trusts a claim only while the last write
 * that reached the database is less than half the timeout old: an instance frozen (or cut off
 * from the database) for longer stops acting on what it held, before another instance may take
 * it over. Clocks of instances must agree to well within half the timeout (NTP does).
 */
export class Leases {
  /** Claim → when the database last had it renewed (this instance's clock, ms since epoch). */
  private readonly since = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly claims: ClaimModel,
    private readonly timeoutMs: number,
    private readonly now: () => Date = () => new Date(),
    /** Told when a renewal fails (the database is away): the claims age and stop being trusted. */
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Starts renewing a claim just inserted with `at`. */
  hold(key: string, at: Date): void {
    this.since.set(key, at.getTime());
    this.timer ??= setInterval(() => void this.renew(), this.timeoutMs / 4).unref();
  }

  /** Stops renewing it (the work is recorded, or the claim given back). */
  drop(key: string): void {
    this.since.delete(key);
    if (this.since.size === 0) this.stopTimer();
  }

  /** Whether this instance may still act on the claim: no other can have taken it over. */
  trusted(key: string): boolean {
    const since = this.since.get(key);
    return since !== undefined && this.now().getTime() - since < this.timeoutMs / 2;
  }

  /** Renews nothing more; resolves once a renewal under way has ended. */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.renewing;
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private renew(): Promise<void> {
    this.renewing ??= (async () => {
      const at = this.now();
      // A claim already untrusted is not renewed: another instance may hold its work by now.
      const keys = [...this.since.keys()].filter((k) => this.trusted(k));
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        await this.claims.updateMany({ _id: anyOf(chunk) }, { $set: { at } });
        for (const k of chunk) if (this.since.has(k)) this.since.set(k, at.getTime());
      }
    })()
      .catch((error: Error) => this.onError(error))
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }
}
