import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { teamsWhere, type Ask } from '../teams-bot';
import { cardResponse, type CardAction } from './card-actions';

const askInvoke = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.literal('ask'),
    // Longer than a typed question may be ("more: …" adds to one); the router refuses a long one politely.
    data: z.object({ ask: z.string().max(2000) }),
  }),
});

/**
 * `ask`: a suggestion button ("status of ED.1" on the help card, "Show more", "did you mean …?").
 * The question goes through the same router as a typed one, and its answer replaces the card the
 * button was on. (An Action.Submit imBack would post the question as the person instead, but
 * Microsoft's Agents Playground ignores those, so the buttons would do nothing there; Universal
 * Actions work in Teams and in the Playground alike.)
 */
export function askAction(
  ask: Ask,
  whoIs: (context: TurnContext) => Promise<{ personId?: string }>,
): CardAction {
  return async (value, context) => {
    const parsed = askInvoke.safeParse(value);
    if (!parsed.success)
      return cardResponse({
        kind: 'notice',
        text: 'That button could not be read; please type your question instead.',
        suggestions: [],
      });
    const asker = await whoIs(context);
    const where = teamsWhere(context);
    return cardResponse(await ask({ text: parsed.data.action.data.ask, asker, channel: 'teams', where }));
  };
}
