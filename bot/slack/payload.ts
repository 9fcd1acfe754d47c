import { z } from 'zod';

// Slack's ids are short (U0123ABCD, T…, C…, D…, V…); generous bounds still stop a 1 MB "id".
const id = z.string().min(1).max(255);
const withId = z.looseObject({ id });
/** Slack caps a message's text at 40,000 characters (chat.postMessage docs); nothing longer arrives. */
const text = z.string().max(40_000);

/** Fields Bolt reads from any request before a listener runs: a null where it expects an object throws. */
const envelope = {
  authorizations: z
    .array(
      z.looseObject({
        team_id: z.string().max(255).nullish(),
        enterprise_id: z.string().max(255).nullish(),
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .max(10)
    .optional(),
  enterprise: withId.nullish(),
  enterprise_id: z.string().max(255).nullish(),
  response_urls: z
    .array(z.looseObject({ response_url: z.url({ protocol: /^https?$/ }) }))
    .max(10)
    .optional(),
};

const eventCallback = z.looseObject({
  ...envelope,
  type: z.literal('event_callback'),
  event_id: id,
  team_id: id.optional(),
  event: z.looseObject({
    type: z.string().min(1).max(100),
    user: id.optional(),
    text: text.optional(),
    channel: id.optional(),
    channel_type: z.string().max(50).optional(),
    subtype: z.string().max(100).optional(),
    ts: z.string().max(50).optional(),
    thread_ts: z.string().max(50).optional(),
    // Bolt looks for a channel in an event's item (reactions, stars): an object or nothing.
    item: z.looseObject({}).optional(),
  }),
});

const blockActions = z.looseObject({
  ...envelope,
  type: z.literal('block_actions'),
  user: withId,
  team: withId.nullish(), // null for an org-wide installation
  channel: withId.optional(), // Bolt reads `channel.id` whenever the key is there
  trigger_id: z.string().max(255).optional(),
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  message: z.looseObject({ ts: z.string().max(50) }).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().max(255),
        type: z.string().max(100),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(25),
});

const view = z.looseObject({
  id: id.optional(),
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3000).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }).optional(),
  blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })).optional(),
});
const viewSubmission = z.looseObject({
  ...envelope,
  type: z.literal('view_submission'),
  user: withId,
  team: withId.nullish(),
  view,
});
const viewClosed = z.looseObject({ ...envelope, type: z.literal('view_closed'), user: withId, view });

const slashCommand = z.looseObject({
  ...envelope,
  command: z.string().startsWith('/').max(100),
  text,
  user_id: id,
  team_id: id,
  channel_id: id,
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  trigger_id: z.string().max(255).optional(),
});

/** Sent instead of events while an app exceeds 30,000 events an hour (Events API docs). */
const appRateLimited = z.looseObject({ type: z.literal('app_rate_limited'), team_id: id });

/**
 * Every Slack request the bot takes, checked once as it arrives (after the signature) so the
 * listeners never see a non-string id. Shapes: Slack's Events API, interactivity payloads
 * (block_actions, view_submission, view_closed) and slash commands.
 */
export const slackPayloadSchema = z.union([
  eventCallback.transform((p) => ({ kind: 'event_callback' as const, p })),
  blockActions.transform((p) => ({ kind: 'block_actions' as const, p })),
  viewSubmission.transform((p) => ({ kind: 'view_submission' as const, p })),
  viewClosed.transform((p) => ({ kind: 'view_closed' as const, p })),
  slashCommand.transform((p) => ({ kind: 'command' as const, p })),
  appRateLimited.transform((p) => ({ kind: 'app_rate_limited' as const, p })),
]);
/** A checked payload `p`, tagged with its `kind`. */
export type SlackPayload = z.output<typeof slackPayloadSchema>;
