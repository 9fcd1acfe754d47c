import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../services/log/logger';
import { firstDelivery } from '../../services/receipts';
import { slackPayloadSchema } from './payload';

/**
 * Socket Mode's share of the receiver's edge (bot/slack/receiver.ts): a payload of a shape the bot
 * does not take, or an event already handled (Slack redelivers unacknowledged ones), goes no further.
 * The socket itself is authenticated by the app-level token, so there is no signature to check.
 */
export function socketModeEdge(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const parsed = slackPayloadSchema.safeParse(body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => i.message) }, 'Slack payload refused');
      return;
    }
    if (
      parsed.data.kind === 'event_callback' &&
      !(await firstDelivery(`slack:event:${parsed.data.p.event_id}`))
    ) {
      log.info('Slack event already handled: not repeated');
      return;
    }
    await next();
  };
}
