import { Schema, model, type InferSchemaType } from 'mongoose';
import { EARLIEST_DUE } from './due-by';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;

/**
 * The outbox: one message to one person on one platform. The `_id` says what it is for
 * ("<job>><person>><topic>"), so the same message can never be queued twice.
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    batch: { type: String, required: true }, // the job or broadcast that produced it
    person: { type: String, required: true },
    platform: { type: String, enum: ['teams', 'slack'], required: true },
    /** Where to send it, as the channel needs it: a Teams conversation reference, a Slack user. */
    address: { type: Schema.Types.Mixed, required: true },
    message: { type: Schema.Types.Mixed, required: true }, // a channel-neutral view
    status: { type: String, enum: DELIVERY_STATUSES, default: 'pending' },
    attempts: { type: Number, default: 0 }, // tries made; each is claimed as "<_id>#<attempts>"
    // Refusals that count towards giving up. A 429 is the platform asking us to wait, not a
    // refusal, so a platform that throttles for minutes loses nothing.
    failures: { type: Number, default: 0 },
    // Never earlier: the outbox's read of what is due relies on it (models/due-by.ts).
    nextAt: { type: Date, required: true, min: EARLIEST_DUE },
    sentAt: Date,
    sentId: String, // the platform's id of the sent message, to update it later
    error: String,
  },
  { timestamps: true, versionKey: false, minimize: false },
);
deliverySchema.index({ status: 1, nextAt: 1 });
deliverySchema.index({ batch: 1 });

export type DeliveryDoc = InferSchemaType<typeof deliverySchema>;
export const Delivery = model('Delivery', deliverySchema);

/**
 * A batch (broadcast) that was cancelled (`_id` the batch). The dispatcher checks it before each send
 * and cancels what it holds itself: on FerretDB an update rewrites the whole document, so a cancel
 * writing a delivery that a dispatcher was marking sent could undo the "sent".
 */
const deliveryCancelSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);
export const DeliveryCancel = model('DeliveryCancel', deliveryCancelSchema);
