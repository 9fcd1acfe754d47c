import { Schema, model, type InferSchemaType } from 'mongoose';

export const BROADCAST_STATUSES = ['awaiting approval', 'scheduled', 'sending', 'cancelled'] as const;

/**
 * One message to an audience: a consultation or a workshop invitation. `_id` is "<kind>:<id>" and
 * is also the batch of its deliveries, so its status card counts them directly.
 */
const broadcastSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['consultation', 'workshop'], required: true },
    subject: { type: String, required: true }, // the consultation's or workshop's _id
    title: { type: String, required: true },
    audience: { type: String, required: true }, // as the author wrote it: "department: Housing"
    audienceCount: { type: Number, required: true }, // resolved when composed, shown before sending
    author: { type: String, required: true },
    status: { type: String, enum: BROADCAST_STATUSES, required: true },
    sendAt: { type: Date, required: true },
    approvedBy: String,
    /** Where the author asked from, to tell them how it went. */
    authorAddress: { type: Schema.Types.Mixed },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

export type BroadcastDoc = InferSchemaType<typeof broadcastSchema> & { _id: string };
export const Broadcast = model('Broadcast', broadcastSchema);
