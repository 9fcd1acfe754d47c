import type { App } from '@slack/bolt';
import { renderSlack } from '../../cards/slack/render';
import type { View } from '../../services/answers/views';
import { SendError, sendErrorFor, type Sender } from '../../services/delivery/sender';

interface WebApiError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
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
        throw slackSendError(error);
      }
    },
  };
}

/**
 * A refused Web API call as the dispatcher's SendError. Every 429 is throttling, never a failure
 * (Slack docs, "Rate limits": wait Retry-After seconds, then try again): the client rejects it at
 * once (`rejectRateLimitedCalls`, bot/slack/slack-app.ts) as a WebAPIRateLimitedError carrying
 * Retry-After in seconds — or, when the header was missing or unreadable, as a plain error saying
 * so — and a method may answer 200 with `error: ratelimited`. Other platform errors (`ok: false`)
 * are refusals that a retry will not change; HTTP and network errors are retried.
 */
export function slackSendError(error: unknown): SendError {
  const e = error as WebApiError;
  if (e.code === 'slack_webapi_rate_limited_error')
    return sendErrorFor(429, 'Slack rate limited', e.retryAfter);
  if (e.code === 'slack_webapi_platform_error')
    return e.data?.error === 'ratelimited'
      ? sendErrorFor(429, 'Slack rate limited', e.data.response_metadata?.retryAfter)
      : new SendError(`Slack refused: ${e.data?.error ?? 'unknown error'}`, false);
  // The SDK's words for a 429 whose Retry-After it could not read (@slack/web-api WebClient).
  if (e.message?.startsWith('Retry header did not contain a valid timeout'))
    return sendErrorFor(429, 'Slack rate limited (no Retry-After)');
  return sendErrorFor(e.statusCode ?? 503, e.message ?? 'Slack send failed');
}
