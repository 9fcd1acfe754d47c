import { Delivery } from '../../models';
import type { DeliveryDoc } from '../../models/delivery';
import { dueBy } from '../../models/due-by';

export type DueDelivery = DeliveryDoc & { _id: string };

/**
 * The outbox's next `limit` pending deliveries due by `now`, oldest `nextAt` first: the
 * dispatcher's read, `Delivery.find({status: 'pending', nextAt <= now}).sort({nextAt: 1})
 * .limit(limit)`, with `nextAt` bounded below too (models/due-by.ts). With the index
 * `{status: 1, nextAt: 1}` (models/delivery.ts) the embedded database then reads about `limit`
 * rows whatever the outbox holds — sent history or a pending broadcast of 100,000 (bench/scaling).
 * Lean documents; rejects as the query does (database errors).
 */
export async function dueDeliveries(now: Date, limit: number): Promise<DueDelivery[]> {
  return (await Delivery.find({ status: 'pending', nextAt: dueBy(now) })
    .sort({ nextAt: 1 })
    .limit(limit)
    .lean()) as DueDelivery[];
}
