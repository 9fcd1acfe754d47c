import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../../services/log/logger';
import type { ReviewResult, ReviewSubmission } from '../../../services/risk/review';
import { cardResponse } from './card-actions';
import { renderTeams } from '../../../cards/teams/render';

const field = z.string().max(5000).optional();
// Teams merges the card's inputs into the action's data. Only the cycle and risk come from the
// card's own data; who is acting comes from the activity, never from here.
const reviewAction = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.literal('reviewRisk'),
    data: z.object({
      cycle: z.string().max(300),
      risk: z.string().max(300),
      probability: field,
      impact: field,
      comment: field,
      reviewOn: field,
    }),
  }),
});

export type SubmitReview = (submission: ReviewSubmission) => Promise<ReviewResult>;

/**
 * `adaptiveCard/action` with the verb `reviewRisk`: a risk owner's re-score from the card a cycle
 * sent. The answer replaces the card: the same form with the values kept and errors beside the
 * fields, or what was recorded (then the message is updated too, for everyone in the conversation).
 */
export function riskReviewAction(
  submit: SubmitReview,
  whoIs: (context: TurnContext) => Promise<{ personId?: string }>,
  log: Logger,
) {
  return async (value: unknown, context: TurnContext): Promise<object> => {
    const parsed = reviewAction.safeParse(value);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'Risk review card refused');
      return cardResponse({
        kind: 'notice',
        text: 'That risk review could not be read, so nothing was changed.',
        suggestions: [],
      });
    }
    const { cycle, risk, ...values } = parsed.data.action.data;
    const { personId } = await whoIs(context);
    const result = await submit({ cycleId: cycle, riskId: risk, personId, channel: 'teams', values });
    if (result.ok && context.activity.replyToId)
      await context
        .updateActivity({
          id: context.activity.replyToId,
          type: 'message',
          attachments: [renderTeams(result.view)],
        })
        .catch((error: Error) =>
          log.warn({ err: error }, 'Could not update the reviewed risk card for everyone'),
        );
    return cardResponse(result.view);
  };
}
