import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { sayingModal } from '../../cards/slack/update-modal';
import type { Logger } from '../../services/log/logger';

/** What a person sees when a form they sent back cannot be read: nothing was changed. */
export const UNREADABLE = 'That form could not be read, so nothing was changed.';

/**
 * Answers a modal submission whose metadata or values do not parse (a forged or stale view): the
 * modal turns into a notice saying nothing was changed, and one warning names the form (`what`).
 */
export async function refuseUnreadable(
  ack: SlackViewMiddlewareArgs['ack'],
  log: Logger,
  what: string,
  metadata: unknown,
): Promise<void> {
  log.warn({ meta: metadata }, `Slack ${what} refused: unreadable`);
  await ack({
    response_action: 'update',
    view: sayingModal({ kind: 'notice', text: UNREADABLE, suggestions: [] }) as never,
  });
}
