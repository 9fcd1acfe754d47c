import { z } from 'zod';

// Generous bounds: real ids are under 200 characters; names and text are bounded by the body limit.
const id = z.string().min(1).max(1000);
// Accounts and the conversation are stored in conversation references and copied into replies:
// only their known fields are kept (a `$`-key would be refused by the database, mid-turn).
const account = z.object({
  id,
  name: z.string().max(1000).nullish(),
  aadObjectId: z.string().max(200).nullish(),
  role: z.string().max(50).nullish(),
});

/**
 * The parts of a Bot Framework activity the bot relies on, checked once as it arrives so nothing
 * past the edge sees an id that is not a string (`{"$ne": null}` as a conversation id reached
 * mongoose before). Every other field is passed through untouched.
 * Source: Bot Framework Activity schema,
 * https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md
 */
export const activitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().max(1000).nullish(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  from: account,
  recipient: account,
  conversation: z.object({
    id,
    name: z.string().max(1000).nullish(),
    conversationType: z.string().max(100).nullish(),
    tenantId: z.string().max(200).nullish(),
    isGroup: z.boolean().nullish(),
  }),
  locale: z.string().max(50).nullish(),
  text: z.string().nullish(),
  name: z.string().max(200).nullish(),
  replyToId: z.string().max(1000).nullish(),
  membersAdded: z.array(account).max(1000).nullish(),
});
export type CheckedActivity = z.infer<typeof activitySchema>;
