import { Delivery, DeliveryCancel, DeliveryClaim } from '../../models';
import { insertNew } from '../../models/insert-new';
import { anyOf } from '../../models/operators';
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

/** What a cancel did: deliveries it stopped, and deliveries a dispatcher already held. */
export interface CancelOutcome {
  /** Stopped by the cancel itself: never sent, recorded "cancelled". */
  cancelled: number;
  /**
   * Still "pending" but already claimed by a dispatcher: handed to the platform or lined up to be,
   * within about four seconds. The dispatcher holding each records what became of it ("sent" when
   * the platform took it, "cancelled" if it had not yet checked for the cancel), so until they settle
   * they are neither sent nor cancelled: counting them as either misreports the broadcast.
   */
  held: number;
}

/**
 * Stops what has not gone yet. A send already lined up by a dispatcher finishes and is recorded as
 * sent; the dispatcher cancels the rest it reaches. Cancelling writes only deliveries it owns: it
 * marks the batch cancelled, then claims the current attempt of each pending delivery exactly as a
 * dispatcher would (a unique-key insert) and cancels those it won — on FerretDB an update rewrites
 * the whole document, and a cancel that wrote a delivery a dispatcher was marking sent undid the
 * "sent" (seen as a flaky test). The attempts it could not claim are `held`.
 */
export async function cancelBatch(batch: string, now = new Date()): Promise<CancelOutcome> {
  await insertNew(DeliveryCancel, [{ _id: batch, at: now }]);
  const pending = await Delivery.find({ batch, status: 'pending' }, { attempts: 1 }).lean();
  const claims = pending.map((d) => ({ _id: `${d._id}#${d.attempts}`, at: now, by: 'cancel' }));
  const won = await DeliveryClaim.insertMany(claims, { ordered: false }).catch(
    (error: { insertedDocs?: { _id: string }[] }) => error.insertedDocs ?? [],
  );
  const ids = won.map((c) => String(c._id).slice(0, String(c._id).lastIndexOf('#')));
  if (ids.length) await Delivery.updateMany({ _id: anyOf(ids) }, { $set: { status: 'cancelled' } });
  return { cancelled: ids.length, held: pending.length - ids.length };
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
