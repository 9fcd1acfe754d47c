import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * The last list shown to one person in one conversation (`_id` "<platform>:<conversation>|<user>"),
 * so a typed "more" gives its next page on whichever instance receives it. One document per
 * person and conversation, replaced by each list: nothing accumulates beyond that.
 */
const lastListSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    /** What asks for the next page ("more: anything about services @16"); absent when all was shown. */
    next: String,
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export type LastListDoc = InferSchemaType<typeof lastListSchema>;
export const LastList = model('LastList', lastListSchema);
