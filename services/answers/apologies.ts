import { isDatabaseUnavailable } from '../../models/database';

/**
 * What a person is told when their request could not be handled, said in place of the answer:
 * whether anything was kept and what to do next. The server log has the detail.
 *
 * `in: 'reply'` answers a question or command in chat; `in: 'form'` answers a form or a card's
 * button, where what the person typed stays on screen (Slack: the modal's errors; Teams: a message
 * that leaves the card as it is), so they are told to submit again rather than to retype.
 */
export function apologyFor(error: unknown, where: 'reply' | 'form'): string {
  const unavailable = isDatabaseUnavailable(error);
  if (where === 'reply')
    return unavailable
      ? "Sorry — the plan's database is not answering just now, so I couldn't do that. Please try again in a minute."
      : 'Sorry — something went wrong answering that. Please try again in a moment.';
  return unavailable
    ? "Not saved — the plan's database is not answering just now. What you entered is still here: please submit it again in a minute."
    : 'Not saved — something went wrong on our side. What you entered is still here: please submit it again in a moment.';
}
