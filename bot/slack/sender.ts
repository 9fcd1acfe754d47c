import type { App } from '@slack/bolt';
import { renderSlack } from '../../cards/slack/render';
import type { View } from '../../services/answers/views';
import { SendError, sendErrorFor, type Sender } from '../../services/delivery/sender';

interface WebApiError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** Proactive Slack messages: open (or reuse) the DM with the person, then chat.postMessage. */
export function slackSender(app: App): Sender {
  const dms = new Map<string, string>();
  return {
    conversationOf: (address) => String(address.channel ?? address.user ?? ''),
    async send(address, message: View) {
      const user = String(address.user ?? '');
      try {
        let channel = dms.get(user);
        if (!channel) {
          const opened = await app.client.conversations.open({ users: user });
          channel = opened.channel?.id ?? '';
          dms.set(user, channel);
        }
        const posted = await app.client.chat.postMessage({ channel, ...renderSlack(message) });
        return { id: posted.ts };
      } catch (error) {
        const e = error as WebApiError;
        if (e.code === 'slack_webapi_rate_limited_error')
          throw sendErrorFor(429, 'rate limited', e.retryAfter);
        if (e.code === 'slack_webapi_platform_error')
          throw e.data?.error === 'ratelimited'
            ? sendErrorFor(429, 'rate limited', e.retryAfter)
            : new SendError(`Slack refused: ${e.data?.error ?? 'unknown error'}`, false);
        throw sendErrorFor(e.statusCode ?? 503, e.message ?? 'Slack send failed');
      }
    },
  };
}
