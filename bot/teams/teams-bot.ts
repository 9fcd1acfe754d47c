import { ActivityTypes, TurnContext } from 'botbuilder';
import { renderTeams } from '../../cards/teams/render';
import type { Logger } from '../../services/log/logger';
import { recordSighting } from '../../services/people/identities';
import { typedText } from './typed-text';
import type { Turn } from '../router';
import type { View } from '../../services/answers/views';

export type Ask = (turn: Turn) => Promise<View>;

/** One handler per invoke name; each returns the body of the invoke's HTTP response. */
export type InvokeHandlers = Record<string, (value: unknown, context: TurnContext) => Promise<object>>;

/** Records the sender's conversation reference (for 1:1 messages later) and finds their person. */
export async function whoIs(context: TurnContext): Promise<{ personId?: string }> {
  const from = context.activity.from;
  if (!from?.id || !context.activity.conversation?.id) return {};
  const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<
    string,
    unknown
  >;
  return recordSighting({ platform: 'teams', userId: from.id, name: from.name, reference });
}

/** Translates Teams activities into turns and views back into Adaptive Cards. */
export function createTeamsBot(
  ask: Ask,
  log: Logger,
  invokes: InvokeHandlers = {},
): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message: {
        const text = typedText(activity.text);
        // A card shared into the chat (picked in the message extension) is not a question to answer.
        if (!text && activity.attachments?.length) return;
        const view = await ask({ text, asker: await whoIs(context), channel: 'teams' });
        await context.sendActivity({ type: ActivityTypes.Message, attachments: [renderTeams(view)] });
        return;
      }
      case ActivityTypes.ConversationUpdate: {
        const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
        if (added)
          await context.sendActivity({
            attachments: [renderTeams(await ask({ text: 'help', asker: {}, channel: 'teams' }))],
          });
        return;
      }
      case ActivityTypes.Invoke: {
        const handle = activity.name ? invokes[activity.name] : undefined;
        if (!handle) log.info({ name: activity.name }, 'Teams invoke not handled');
        // Answer every invoke, known or not: Teams shows an error to the person on no answer.
        const body = handle ? await handle(activity.value, context) : {};
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
        return;
      }
      default:
        log.debug({ type: activity.type }, 'Teams activity ignored');
    }
  };
}
