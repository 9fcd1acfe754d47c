import { App, LogLevel, type SayFn } from '@slack/bolt';
import type restify from 'restify';
import { renderSlack } from '../../cards/slack/render';
import type { Config } from '../../services/config/config';
import type { Logger } from '../../services/log/logger';
import { recordSighting } from '../../services/people/identities';
import type { Ask } from '../teams/teams-bot';
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
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver: new RestifyReceiver(server, config.SLACK_SIGNING_SECRET ?? '', log) }),
    // Starting must not depend on reaching Slack (auth.test); retries would hang a slow stub for minutes.
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 0 } },
    logLevel: LogLevel.WARN,
  });

  // Over Socket Mode nothing passes our HTTP receiver: the same shape check and once-only rule here.
  if (socketMode) app.use(socketModeEdge(log));

  type Post = (message: ReturnType<typeof renderSlack>) => Promise<unknown>;
  const reply = async (text: string, post: SayFn | Post, asker: { personId?: string }) => {
    await post(renderSlack(await ask({ text, asker, channel: 'slack' })));
  };
  app.event('app_mention', async ({ event, say, body }) =>
    reply(event.text ?? '', say, await whoIs(body.team_id, event.user, event.channel)),
  );
  app.message(async ({ message, say, context }) => {
    // Only direct messages: in channels the bot answers when mentioned.
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    const text = 'text' in message && typeof message.text === 'string' ? message.text : '';
    const user = 'user' in message && typeof message.user === 'string' ? message.user : undefined;
    await reply(text, say, await whoIs(context.teamId, user, message.channel));
  });
  app.command('/plan', async ({ command, ack }) => {
    const asker = await whoIs(command.team_id, command.user_id, command.channel_id);
    const message = renderSlack(await ask({ text: command.text ?? '', asker, channel: 'slack' }));
    await ack({ response_type: 'ephemeral', ...message });
  });
  // Link buttons open in the browser; Slack still reports the click, which only needs an ack.
  app.action({ type: 'block_actions', action_id: /^open_link_\d+$/ }, async ({ ack }) => ack());
  app.action(
    { type: 'block_actions', action_id: /^ask_\d+$/ },
    async ({ action, ack, say, body, client }) => {
      await ack();
      const value = 'value' in action && typeof action.value === 'string' ? action.value : 'help';
      // A button in a modal or on the App Home has no conversation (no `say`): the answer goes to
      // the person's direct messages.
      const toDm: Post = (message) => client.chat.postMessage({ channel: body.user.id, ...message });
      const post: SayFn | Post = (say as SayFn | undefined) ?? toDm;
      await reply(value, post, await whoIs(body.team?.id, body.user.id, body.channel?.id));
    },
  );
  // Passed on to the receiver, which answers the person in place (bot/slack/receiver.ts).
  app.error(async (error) => {
    throw error;
  });
  log.info({ mode: socketMode ? 'socket' : 'http' }, 'Slack is on');
  return app;
}
