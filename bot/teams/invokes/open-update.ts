import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { NoticeView, UpdateFormView } from '../../../services/answers/views';
import { cardResponse, type CardAction } from './card-actions';

export type OpenForm = (
  cycleId: string,
  targetId: string,
  personId: string | undefined,
) => Promise<UpdateFormView | NoticeView>;

// Only which form to open comes from the card; who is asking comes from the activity.
const openAction = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.literal('openUpdate'),
    data: z.object({ cycle: z.string().max(300), target: z.string().max(300) }),
  }),
});

/**
 * `openUpdate`: the "Update this target" button of "my targets" (and of "update ED.1" when it has
 * several targets). The clicked card turns into the target's update form, whose own
 * `submitUpdate` then turns it into "submitted by …".
 */
export function openUpdateAction(
  openForm: OpenForm,
  whoIs: (context: TurnContext) => Promise<{ personId?: string }>,
): CardAction {
  return async (value, context) => {
    const parsed = openAction.safeParse(value);
    if (!parsed.success)
      return cardResponse({
        kind: 'notice',
        text: 'That card could not be read, so no form was opened.',
        suggestions: ['my targets'],
      });
    const { cycle, target } = parsed.data.action.data;
    const { personId } = await whoIs(context);
    return cardResponse(await openForm(cycle, target, personId));
  };
}
