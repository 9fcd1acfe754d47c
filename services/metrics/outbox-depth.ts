import { Delivery } from '../../models';
import type { Platform } from '../delivery/sender';

export type Depth = Partial<Record<Platform, number>>;

/** Pending deliveries per platform, counted by the database in one pass over the outbox. */
export async function pendingByPlatform(): Promise<Depth> {
  const rows = await Delivery.aggregate<{ _id: string; n: number }>([
    { $match: { status: 'pending' } },
    // FerretDB's $count accumulator answers 0: count with $sum.
    { $group: { _id: '$platform', n: { $sum: 1 } } },
  ]);
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

export interface OutboxDepthOptions {
  /** A count younger than this is served again rather than counted anew (30 s). */
  maxAgeMs?: number;
  /** How long a scrape waits for a fresh count before it serves the last one (2 s). */
  waitMs?: number;
  count?: () => Promise<Depth>;
  clock?: () => number;
}

/**
 * The outbox depth for the metrics scrape, counted at most once per `maxAgeMs` however often it is
 * scraped, and never twice at once. Why a cache: on the embedded database a filter on `status`
 * reads every delivery ever queued (≈ 50 µs each), and the outbox keeps the sent ones; a scrape
 * every few seconds from two Prometheus servers must not add a full read each. A count slower than
 * `waitMs` finishes in the background and the scrape serves the previous one (undefined at first);
 * a count that failed is thrown, so the gauge is left out rather than shown stale.
 */
export function outboxDepth({
  maxAgeMs = 30_000,
  waitMs = 2_000,
  count = pendingByPlatform,
  clock = Date.now,
}: OutboxDepthOptions = {}): () => Promise<Depth | undefined> {
  let last: { at: number; depth: Depth } | undefined;
  let counting: Promise<void> | undefined;
  // The last count's error, kept rather than rejected: a count that outlives its scrape has no one
  // left to catch it.
  let failure: Error | undefined;
  return async () => {
    if (last && clock() - last.at < maxAgeMs) return last.depth;
    counting ??= count()
      .then(
        (depth) => {
          last = { at: clock(), depth };
          failure = undefined;
        },
        (error: Error) => {
          failure = error;
        },
      )
      .finally(() => (counting = undefined));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    try {
      await Promise.race([counting, late]);
    } finally {
      clearTimeout(timer);
    }
    if (failure) throw failure;
    return last?.depth;
  };
}
