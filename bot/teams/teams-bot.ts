import { ActivityTypes, TurnContext } from 'botbuilder';
import { renderTeams } from '../../cards/teams/render';
import { apologyFor } from '../../services/answers/apologies';
import type { Logger } from '../../services/log/logger';
import { recordSighting } from '../../services/people/identities';
import { typedText } from './typed-text';
import type { Turn } from '../router';
import type { View } from '../../services/answers/views';

export type Ask = (turn: Turn) => Promise<View>;

/** One handler per invoke name; each returns the body of the invoke's HTTP response. */
export type InvokeHandler = (value: unknown, context: TurnContext) => Promise<object>;
export type InvokeHandlers = Record<string, InvokeHandler>;

/** The claims type botbuilder gives a request it did not authenticate (local mode). */
const ANONYMOUS = 'anonymous';

/**
 * Records the sender's conversation reference (for 1:1 messages later) and finds their person.
 * A request that was not authenticated may not change where a known person's messages go.
 */
export async function whoIs(context: TurnContext): Promise<{ personId?: string }> {
  const from = context.activity.from;
  if (!from?.id || !context.activity.conversation?.id) return {};
  const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<
    string,
    unknown
  >;
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as
    { isAuthenticated?: boolean; authenticationType?: unknown } | undefined;
  const trusted = !!identity?.isAuthenticated && identity.authenticationType !== ANONYMOUS;
  return recordSighting({ platform: 'teams', userId: from.id, name: from.name, reference, trusted });
}

/**
 * What an invoke that failed answers, by invoke name: the person sees why in place, and a form
 * keeps what was typed (an `activity.message` answer shows the text without replacing the card).
 * Source: Universal Actions response types,
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
function failedInvoke(name: string, error: unknown): object {
  const text = apologyFor(error, 'form');
  if (name === 'composeExtension/query') return { composeExtension: { type: 'message', text } };
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** Translates Teams activities into turns and views back into Adaptive Cards. */
export function createTeamsBot(
  ask: Ask,
  log: Logger,
  invokes: InvokeHandlers = {},
): (context: TurnContext) => Promise<void> {
  // A Map, not the object: an invoke named "constructor" or "__proto__" must find nothing.
  const handlers = new Map(Object.entries(invokes));
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
        const name = activity.name ?? '';
        const handle = handlers.get(name);
        if (!handle) log.info({ name: name.slice(0, 100) }, 'Teams invoke not handled');
        // Answer every invoke, known or not, failed or not: Teams shows an error on no answer.
        const body = handle
          ? await handle(activity.value, context).catch((error: unknown) => {
              log.error({ err: error, name }, 'Teams invoke failed');
              return failedInvoke(name, error);
            })
          : {};
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
        return;
      }
      default:
        log.debug({ type: activity.type }, 'Teams activity ignored');
    }
  };
}
