import { Receipt } from '../models';
import { insertById } from '../models/grouped';
import { dueBy } from '../models/due-by';

/**
 * How long a receipt is kept, in ms: longer than the ±5 minutes a signed Slack request is accepted
 * for (so a replay cannot outlive its receipt), than Slack's last retry of an event, about
 * 5 minutes after the first delivery (Slack docs, "Events API: retries"), and than the Bot
 * Connector's redelivery of a slow Teams activity (seconds).
 */
export const RECEIPT_KEEP_MS = 15 * 60 * 1000;
const PURGE_EVERY_MS = 5 * 60 * 1000;
let purgedAt = 0;
// Every request takes a receipt first: the ones in flight together take theirs in one insert.
const insertReceipt = insertById((docs) => Receipt.insertMany(docs, { ordered: false, lean: true }));

/**
 * True the first time `key` is taken in, false for a retry or replay of it (on any instance: the
 * receipt is in the database). Throws when the database cannot be reached — the caller then handles
 * the request as failed, not as new. Receipts older than RECEIPT_KEEP_MS are removed now and then;
 * there is no TTL index on the embedded database (design.md).
 */
export async function firstDelivery(key: string, now: Date = new Date()): Promise<boolean> {
  if (now.getTime() - purgedAt > PURGE_EVERY_MS) {
    purgedAt = now.getTime();
    // A range with both ends: read through the `at` index on the embedded database (models/due-by.ts).
    await Receipt.deleteMany({ at: dueBy(new Date(now.getTime() - RECEIPT_KEEP_MS)) });
  }
  return insertReceipt({ _id: key, at: now });
}
