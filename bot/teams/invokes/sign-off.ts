import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../../services/log/logger';
import type { Decision, DecisionResult } from '../../../services/sign-off/decide';
import { cardResponse, type CardAction } from './card-actions';

export type Decide = (decision: Decision) => Promise<DecisionResult>;

// Only which update and step come from the card; who acts comes from the activity. Teams merges the
// card's comment input into the data.
const signOffData = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.enum(['signOffApprove', 'signOffReturn']),
    data: z.object({
      update: z.string().min(1).max(300),
      step: z.coerce.number().int().min(1).max(20),
      comment: z.string().max(50_000).optional(),
    }),
  }),
});

/**
 * `signOffApprove` and `signOffReturn`: the buttons of a sign-off card. The answer replaces the
 * clicked card: what was decided, or why nothing was (the card's own Approve/Return stay for a
 * return without a comment, with the problem beside the comment); on success the message is also
 * updated for everyone in the conversation.
 */
export function signOffAction(
  decide: Decide,
  whoIs: (context: TurnContext) => Promise<{ personId?: string }>,
  log: Logger,
): CardAction {
  return async (value, context) => {
    const parsed = signOffData.safeParse(value);
    if (!parsed.success)
      return cardResponse({
        kind: 'notice',
        text: 'That sign-off card could not be read, so nothing was changed.',
        suggestions: ['pending sign-offs'],
      });
    const { verb, data } = parsed.data.action;
    const { personId } = await whoIs(context);
    const result = await decide({
      update: data.update,
      step: data.step,
      decision: verb === 'signOffApprove' ? 'approve' : 'return',
      comment: data.comment,
      personId,
      channel: 'teams',
    });
    const answer = cardResponse(result.view);
    if (result.ok && context.activity.replyToId)
      await context
        .updateActivity({
          id: context.activity.replyToId,
          type: 'message',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: answer.value }],
        })
        .catch((error: Error) => log.warn({ err: error }, 'Could not update the sign-off card for everyone'));
    return answer;
  };
}
