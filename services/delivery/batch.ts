import { Delivery } from '../../models';
import { DELIVERY_STATUSES } from '../../models/delivery';

export type DeliveryCounts = Record<(typeof DELIVERY_STATUSES)[number], number>;

/** How a broadcast's deliveries stand: counted by the database, one number per status. */
export async function batchCounts(batch: string): Promise<DeliveryCounts> {
  const rows = await Delivery.aggregate<{ _id: string; n: number }>([
    { $match: { batch } },
    // FerretDB's $count accumulator answers 0: count with $sum.
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as DeliveryCounts;
  for (const row of rows) if (row._id in counts) counts[row._id as keyof DeliveryCounts] = row.n;
  return counts;
}

/** Stops what has not gone yet. A send already under way finishes and is recorded as sent. */
export async function cancelBatch(batch: string): Promise<number> {
  const { modifiedCount } = await Delivery.updateMany(
    { batch, status: 'pending' },
    { $set: { status: 'cancelled' } },
  );
  return modifiedCount;
}

/** Tries the failed ones again, from a clean count of refusals; the sent ones are left alone. */
export async function resendFailed(batch: string, now: Date): Promise<number> {
  const { modifiedCount } = await Delivery.updateMany(
    { batch, status: 'failed' },
    { $set: { status: 'pending', failures: 0, nextAt: now } },
  );
  return modifiedCount;
}

/** The failed ones, with why, for the status card. */
export async function failedDeliveries(batch: string, limit = 20) {
  return Delivery.find({ batch, status: 'failed' }, { person: 1, platform: 1, error: 1 }).limit(limit).lean();
}
