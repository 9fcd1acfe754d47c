import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A chat account the bot has seen (`_id` "teams:<user id>" or "slack:<team>:<user id>"), the person
 * it belongs to when known, and the conversation reference needed to message them 1:1 later.
 */
const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    platform: { type: String, enum: ['teams', 'slack'], required: true },
    userId: { type: String, required: true },
    name: String,
    person: String,
    /**
     * Channel-specific address, kept as the channel gave it (Bot Framework reference, Slack channel);
     * absent for someone seen only in a Teams channel or group chat, never a private address.
     */
    reference: { type: Schema.Types.Mixed },
    seenAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
identitySchema.index({ person: 1 });

export type IdentityDoc = InferSchemaType<typeof identitySchema>;
export const Identity = model('Identity', identitySchema);
