import { Schema, model, type InferSchemaType } from 'mongoose';

/** A workshop the policy team invites an audience to. `sequence` goes up with every change. */
const workshopSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    place: String,
    link: String,
    capacity: { type: Number, required: true },
    remindDaysBefore: { type: [Number], default: [7, 1] },
    author: { type: String, required: true },
    sequence: { type: Number, default: 0 },
    status: { type: String, enum: ['scheduled', 'cancelled'], default: 'scheduled' },
  },
  { timestamps: true, versionKey: false },
);

export type WorkshopDoc = InferSchemaType<typeof workshopSchema> & { _id: string };
export const Workshop = model('Workshop', workshopSchema);

export const RSVPS = ['attending', 'waiting', 'maybe', 'declined'] as const;
export type Rsvp = (typeof RSVPS)[number];

/** One invitee's answer (`_id` "<workshop>|<recipient>"). */
const replySchema = new Schema(
  {
    _id: { type: String, required: true },
    workshop: { type: String, required: true },
    recipient: { type: String, required: true },
    name: String,
    answer: { type: String, enum: RSVPS, required: true },
    at: { type: Date, required: true },
    /** When they joined the waiting list: first come, first promoted. */
    waitingSince: Date,
    /** Where to tell them they got a place, or that the workshop changed. */
    address: { type: Schema.Types.Mixed },
    platform: String,
  },
  { versionKey: false, minimize: false },
);
replySchema.index({ workshop: 1 });

export type ReplyDoc = InferSchemaType<typeof replySchema> & { _id: string };
export const WorkshopReply = model('WorkshopReply', replySchema);

/**
 * A place at a workshop (`_id` "<workshop>#<n>", n = 1 … capacity). Taking one is inserting it, so
 * two people clicking Attend for the last place at once cannot both get it.
 */
const seatSchema = new Schema(
  {
    _id: { type: String, required: true },
    workshop: { type: String, required: true },
    holder: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
seatSchema.index({ workshop: 1 });
// One place per person: a double-clicked Attend cannot take two.
seatSchema.index({ workshop: 1, holder: 1 }, { unique: true });
export const WorkshopSeat = model('WorkshopSeat', seatSchema);
