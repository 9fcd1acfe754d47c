import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderTeams } from '../../../cards/teams/render';
import type { View } from '../../../services/answers/views';

export type CardAction = (value: unknown, context: TurnContext) => Promise<object>;

const verbOf = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string() }) });

/** The invoke answer that replaces the clicked card. */
export const cardResponse = (view: View) => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: renderTeams(view).content,
});

/** `adaptiveCard/action` (Universal Actions), routed by the card's verb. */
export function cardActions(verbs: Record<string, CardAction>): CardAction {
  // A Map, not the object: a verb named "constructor" or "valueOf" must find nothing.
  const byVerb = new Map(Object.entries(verbs));
  return async (value, context) => {
    const parsed = verbOf.safeParse(value);
    const handle = parsed.success ? byVerb.get(parsed.data.action.verb) : undefined;
    if (!handle)
      return cardResponse({
        kind: 'notice',
        text: "That card action isn't one I know, so nothing was changed.",
        suggestions: [],
      });
    return handle(value, context);
  };
}
