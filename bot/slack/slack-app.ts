import type { App, webApi } from '@slack/bolt';
import type restify from 'restify';
import { renderSlack, type SlackMessage } from '../../cards/slack/render';
import type { Config } from '../../services/config/config';
import type { Logger } from '../../services/log/logger';
import { recordSighting } from '../../services/people/identities';
import type { Ask } from '../teams/teams-bot';
import { bolt } from './bolt';
import { botIdentity } from './identity';
import { incomingText } from './incoming-text';
import { RestifyReceiver } from './receiver';
import { socketModeEdge } from './socket-mode-edge';

/** Records where the sender can be reached 1:1 later, and which person in the plan they are. */
export const whoIs = async (
  team: string | undefined,
  user: string | undefined,
  channel: string | undefined,
): Promise<{ personId?: string }> =>
  team && user
    ? recordSighting({
        platform: 'slack',
        userId: `${team}:${user}`,
        reference: { team, user, channel },
        trusted: true, // every Slack request is signed
      })
    : {};

/**
 * Slack, when configured: HTTP events on our server (signing secret), or Socket Mode with an
 * app-level token. Direct messages, mentions, /plan and the suggestion buttons all reach `ask`.
 */
export function createSlackApp(
  config: Config,
  server: restify.Server,
  ask: Ask,
  log: Logger,
): App | undefined {
  if (!config.SLACK_BOT_TOKEN) {
    log.info(
      'Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to turn it on.',
    );
    return undefined;
  }
  const socketMode = !!config.SLACK_APP_TOKEN;
  const token = config.SLACK_BOT_TOKEN;
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    // The SDK's retries would hold a request (and a slow stub) for minutes; the outbox retries sends.
    retryConfig: { retries: 0 },
    // A 429 comes straight back as a WebAPIRateLimitedError with its Retry-After. Left to itself the
    // SDK pauses every call of the client for Retry-After seconds and then throws a plain request
    // error: a request would hang that long and a send would count as failed (bot/slack/sender.ts).
    rejectRateLimitedCalls: true,
  };
  // Bolt's own authorisation of a single token, with token verification off (starting must not
  // depend on reaching Slack), calls auth.test on every event, and an event waits for it — 30 s
  // when auth.test is throttled. Ours learns the identity once and never makes an event wait.
  const identity = botIdentity(() => app.client.auth.test(), { log });
  const { App, LogLevel, webApi: web } = bolt();
  const app = new App({
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver: new RestifyReceiver(server, config.SLACK_SIGNING_SECRET ?? '', log) }),
    authorize: async () => ({ botToken: token, ...identity.current() }),
    clientOptions,
    logLevel: LogLevel.WARN,
  });
  // Given `authorize`, Bolt makes app.client without a token; proactive sends, the channel
  // directory and the receiver's late answers use app.client, so it gets the token here.
  app.client = new web.WebClient(token, clientOptions);

  // Over Socket Mode nothing passes our HTTP receiver: the same shape check and once-only rule here.
  if (socketMode) app.use(socketModeEdge(log));

  type Post = (message: SlackMessage & { thread_ts?: string }) => Promise<unknown>;
  /**
   * Answers what the person typed with `post`, in the thread they asked in, if any. `where` is the
   * person in the conversation (slackWhere), for a typed "more".
   */
  const reply = async (
    text: string,
    post: Post,
    asker: { personId?: string },
    thread?: string,
    where?: string,
  ) => {
    const message = renderSlack(await ask({ text, asker, channel: 'slack', where }));
    await post(thread ? { ...message, thread_ts: thread } : message);
  };
  app.event('app_mention', async ({ event, say, body, context }) => {
    const bot = context.botUserId ?? authorisedBot(body);
    const text = incomingText(event.text, { botUserId: bot, mentioned: true });
    const where = slackWhere(body.team_id, event.channel, event.user);
    await reply(text, say, await whoIs(body.team_id, event.user, event.channel), event.thread_ts, where);
  });
  app.message(async ({ message, say, context, body }) => {
    // Only direct messages: in channels the bot answers when mentioned. Never a bot's message:
    // the bot's own replies come back as message events, and until its identity is known Bolt
    // cannot tell them from a person's; answering another bot could start a loop.
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const text = incomingText('text' in message ? message.text : '', {
      botUserId: context.botUserId ?? authorisedBot(body),
    });
    const user = 'user' in message && typeof message.user === 'string' ? message.user : undefined;
    const thread =
      'thread_ts' in message && typeof message.thread_ts === 'string' ? message.thread_ts : undefined;
    const where = slackWhere(context.teamId, message.channel, user);
    await reply(text, say, await whoIs(context.teamId, user, message.channel), thread, where);
  });
  app.command('/plan', async ({ command, ack, context }) => {
    const asker = await whoIs(command.team_id, command.user_id, command.channel_id);
    const text = incomingText(command.text, { botUserId: context.botUserId });
    const where = slackWhere(command.team_id, command.channel_id, command.user_id);
    const message = renderSlack(await ask({ text, asker, channel: 'slack', where }));
    await ack({ response_type: 'ephemeral', ...message });
  });
  // Link buttons open in the browser; Slack still reports the click, which only needs an ack.
  app.action({ type: 'block_actions', action_id: /^open_link_\d+$/ }, async ({ ack }) => ack());
  app.action(
    { type: 'block_actions', action_id: /^ask_\d+$/ },
    async ({ action, ack, say, respond, body, client }) => {
      await ack();
      // One of our own suggestions, given back as it was set (a button's value is not encoded).
      const value = 'value' in action && typeof action.value === 'string' ? action.value : 'help';
      const asker = await whoIs(body.team?.id, body.user.id, body.channel?.id);
      const where = slackWhere(body.team?.id, body.channel?.id, body.user.id);
      // A button on a private answer (/plan's, "only visible to you") answers privately too, through
      // the response_url: `say` would post it for the whole channel. Slack docs, "Handling user
      // interaction — responding with response_url" (response_type ephemeral).
      // A button in a modal or on the App Home has no conversation (no `say`): the answer goes to
      // the person's direct messages. Under an answer in a thread, it answers in that thread.
      const [post, thread]: [Post, string | undefined] = isEphemeral(body)
        ? [(m) => respond({ ...m, response_type: 'ephemeral', replace_original: false }), undefined]
        : say
          ? [say as Post, threadOf(body)]
          : [(m) => client.chat.postMessage({ channel: body.user.id, ...m }), undefined];
      await reply(value, post, asker, thread, where);
    },
  );
  // Passed on to the receiver, which answers the person in place (bot/slack/receiver.ts).
  app.error(async (error) => {
    throw error;
  });
  log.info({ mode: socketMode ? 'socket' : 'http' }, 'Slack is on');
  return app;
}

/**
 * The bot's user id as the Events API gives it with every event (`authorizations[0].user_id`, the
 * installation the event is for; Slack docs, "Events API — authorizations"), when it is a bot's.
 */
function authorisedBot(body: unknown): string | undefined {
  const first = (body as { authorizations?: { user_id?: unknown; is_bot?: unknown }[] }).authorizations?.[0];
  return first?.is_bot === true && typeof first.user_id === 'string' ? first.user_id : undefined;
}

/**
 * The person in a Slack conversation, for the router's "more": "<team>:<channel>|<user>"; undefined
 * without all three (a button on the App Home).
 */
function slackWhere(team?: string, channel?: string, user?: string): string | undefined {
  return team && channel && user ? `${team}:${channel}|${user}` : undefined;
}

/** Whether a clicked button is on an ephemeral message ("only visible to you"): `container.is_ephemeral`. */
function isEphemeral(body: unknown): boolean {
  return (body as { container?: { is_ephemeral?: unknown } }).container?.is_ephemeral === true;
}

/** The thread a clicked message is in (`message.thread_ts`, or the container's), if any. */
function threadOf(body: unknown): string | undefined {
  const { message, container } = body as {
    message?: { thread_ts?: unknown };
    container?: { thread_ts?: unknown };
  };
  const ts = message?.thread_ts ?? container?.thread_ts;
  return typeof ts === 'string' ? ts : undefined;
}
