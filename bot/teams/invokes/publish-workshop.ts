import { TurnContext } from 'botbuilder';
import type { BroadcastFormDeps } from '../../../services/broadcast/broadcast';
import { submitPublishWorkshopForm } from '../../../services/forms/publish-workshop';
import { cardResponse, type CardAction } from './card-actions';
import { readFormAction } from './policy-forms';

/**
 * `publishWorkshop` (cards/teams/publish-workshop.json): publishes a workshop through the workshop
 * service, with the broadcast service's approval rule. The answer replaces the form: who is being
 * invited (or that a second approval is needed), or the form as typed with errors beside fields.
 */
export function publishWorkshopAction(deps: BroadcastFormDeps): CardAction {
  return async (value: unknown, context: TurnContext) => {
    const read = await readFormAction(value, context, 'publishWorkshop', deps.log);
    if ('answer' in read) return read.answer;
    // The author hears how the broadcast went in this conversation.
    const address = TurnContext.getConversationReference(context.activity) as unknown as Record<
      string,
      unknown
    >;
    const { view } = await submitPublishWorkshopForm(
      { values: read.data, by: read.by, authorAddress: { platform: 'teams', address } },
      deps,
    );
    return cardResponse(view);
  };
}
