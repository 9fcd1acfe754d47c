import { Schema, model } from 'mongoose';

/**
 * A platform request the bot has taken in, keyed by what makes it unique (Slack: the `event_id` of
 * an event, or the signature of any other request; Teams: channel, conversation, type, invoke name
 * and activity id — bot/teams/redelivery.ts). Inserting one is how a retry or a replay of the
 * same delivery is told apart from a new one: the second insert of a key fails. Kept for
 * `RECEIPT_KEEP_MS` (services/receipts.ts), longer than Slack accepts a request's timestamp.
 */
const receiptSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// The purge of old receipts reads through it (services/receipts.ts), not the whole table.
receiptSchema.index({ at: 1 });
export const Receipt = model('Receipt', receiptSchema);
