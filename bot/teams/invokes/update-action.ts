import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderTeams } from '../../../cards/teams/render';
import type { Logger } from '../../../services/log/logger';
import type { SubmitResult, Submission } from '../../../services/target-update/submit';

const field = z.string().max(50_000).optional();
// Teams merges the card's inputs into the action's data. Only the cycle and target come from the
// card's own data; who is acting comes from the activity, never from here.
const executeAction = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.object({
      cycle: z.string().max(300),
      target: z.string().max(300),
      value: field,
      asOf: field,
      rag: field,
      commentary: field,
      evidence: field,
      overrideReason: field,
      correctiveAction: field,
    }),
  }),
});

export type Submit = (submission: Submission) => Promise<SubmitResult>;

const card = (content: object) => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: content,
});

/**
 * `adaptiveCard/action` (Universal Actions). The answer is the card that replaces the one clicked:
 * the same form with the person's values and the errors beside the fields, or "submitted by …".
 * On success the message is also updated, so everyone in the conversation sees it was done.
 */
export function updateAction(
  submit: Submit,
  whoIs: (context: TurnContext) => Promise<{ personId?: string }>,
  log: Logger,
) {
  return async (value: unknown, context: TurnContext): Promise<object> => {
    const parsed = executeAction.safeParse(value);
    if (!parsed.success || parsed.data.action.verb !== 'submitUpdate') {
      log.warn(
        { issues: parsed.success ? 'unknown verb' : parsed.error.issues.slice(0, 3) },
        'Card action refused',
      );
      return card(
        renderTeams({
          kind: 'notice',
          text: "That card action isn't one I know, so nothing was changed.",
          suggestions: [],
        }).content,
      );
    }
    const { cycle, target, ...values } = parsed.data.action.data;
    const { personId } = await whoIs(context);
    const result = await submit({ cycleId: cycle, targetId: target, personId, channel: 'teams', values });
    const rendered = renderTeams(result.view);
    if (result.ok && context.activity.replyToId) {
      await context
        .updateActivity({ id: context.activity.replyToId, type: 'message', attachments: [rendered] })
        .catch((error: Error) =>
          log.warn({ err: error }, 'Could not update the submitted card for everyone'),
        );
    }
    return card(rendered.content);
  };
}
