import { ActivityTypes, TurnContext } from 'botbuilder';
import { renderTeams } from '../../cards/teams/render';
import { apologyFor } from '../../services/answers/apologies';
import type { Logger } from '../../services/log/logger';
import { recordSighting } from '../../services/people/identities';
import { deliveryKey, onceEach } from './redelivery';
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
 * A request that was not authenticated, or from a channel or group chat, may not change where a
 * known person's messages go.
 */
export async function whoIs(context: TurnContext): Promise<{ personId?: string }> {
  const from = context.activity.from;
  if (!from?.id || !context.activity.conversation?.id) return {};
  // Only a one-to-one chat is where their reminders and forms may go; a channel or group chat the
  // person asked in is seen by others.
  const { conversationType } = context.activity.conversation;
  const reference =
    conversationType === 'channel' || conversationType === 'groupChat'
      ? undefined
      : (TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>);
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as
    { isAuthenticated?: boolean; authenticationType?: unknown } | undefined;
  const trusted = !!identity?.isAuthenticated && identity.authenticationType !== ANONYMOUS;
  return recordSighting({ platform: 'teams', userId: from.id, name: from.name, reference, trusted });
}

/**
 * The person in a Teams conversation, for the router's "more": "<conversation id>|<user id>".
 * Undefined when the activity lacks either.
 */
export function teamsWhere(context: TurnContext): string | undefined {
  const { conversation, from } = context.activity;
  return conversation?.id && from?.id ? `${conversation.id}|${from.id}` : undefined;
}

/**
 * An invoke answered with a message rather than a card: the person sees the text in place, and a
 * form keeps what was typed (an `activity.message` answer shows the text without replacing the
 * card). Source: Universal Actions response types,
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
function invokeMessage(name: string, text: string): object {
  if (name.startsWith('composeExtension/')) return { composeExtension: { type: 'message', text } };
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** What an invoke that failed answers: why, in place (services/answers/apologies.ts). */
const failedInvoke = (name: string, error: unknown): object => invokeMessage(name, apologyFor(error, 'form'));

/**
 * What a repeated invoke answers when this instance does not hold the first answer (another
 * instance took the first delivery in, or this one restarted since): the card stays as it is,
 * with this line on it, and nothing is done again.
 */
export const ALREADY_DONE =
  'Already received: that was done once, not twice. Ask again to see where things stand.';

/**
 * Invokes that change nothing: a repeat is answered afresh, which gives the same answer, and a
 * search as someone types takes no receipt.
 */
const ANSWERED_AFRESH = new Set(['composeExtension/query']);

/**
 * Translates Teams activities into turns and views back into Adaptive Cards. Each delivery is
 * handled once (redelivery.ts): a repeated message is not answered again, a repeated welcome not
 * sent again, and a repeated invoke gets the first one's answer (or ALREADY_DONE) without running
 * its handler again.
 */
export function createTeamsBot(
  ask: Ask,
  log: Logger,
  invokes: InvokeHandlers = {},
): (context: TurnContext) => Promise<void> {
  // A Map, not the object: an invoke named "constructor" or "__proto__" must find nothing.
  const handlers = new Map(Object.entries(invokes));
  const once = onceEach<object | undefined>();
  const repeated = (activity: TurnContext['activity']) =>
    log.info(
      { type: activity.type, name: activity.name?.slice(0, 100) },
      'Teams delivery already handled: not handled again',
    );
  /** Does `work` for the first delivery of the activity only (a message, a welcome). */
  const firstOnly = async (activity: TurnContext['activity'], work: () => Promise<unknown>) => {
    const delivery = await once(deliveryKey(activity), async () => {
      await work();
      return undefined;
    });
    if (delivery.repeat) repeated(activity);
  };

  /** The body of an invoke's HTTP answer; never throws (Teams shows an error on no answer). */
  const answerInvoke = async (context: TurnContext, name: string, handle: InvokeHandler) => {
    const run = () =>
      handle(context.activity.value, context).catch((error: unknown) => {
        log.error({ err: error, name }, 'Teams invoke failed');
        return failedInvoke(name, error);
      });
    if (ANSWERED_AFRESH.has(name)) return run();
    const delivery = await once(deliveryKey(context.activity), run).catch((error: unknown) => {
      // No receipt could be taken, so nothing ran: the person is told to try again.
      log.error({ err: error, name }, 'Teams invoke failed');
      return { repeat: false as const, answer: failedInvoke(name, error) };
    });
    if (!delivery.repeat) return delivery.answer ?? {};
    repeated(context.activity);
    return (await delivery.earlier) ?? invokeMessage(name, ALREADY_DONE);
  };

  return async (context) => {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message: {
        const text = typedText(activity.text);
        // A card shared into the chat (picked in the message extension) is not a question to answer.
        if (!text && activity.attachments?.length) return;
        return firstOnly(activity, async () => {
          const view = await ask({
            text,
            asker: await whoIs(context),
            channel: 'teams',
            where: teamsWhere(context),
          });
          await context.sendActivity({ type: ActivityTypes.Message, attachments: [renderTeams(view)] });
        });
      }
      case ActivityTypes.ConversationUpdate: {
        const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
        if (!added) return;
        return firstOnly(activity, async () =>
          context.sendActivity({
            attachments: [renderTeams(await ask({ text: 'help', asker: {}, channel: 'teams' }))],
          }),
        );
      }
      case ActivityTypes.Invoke: {
        const name = activity.name ?? '';
        const handle = handlers.get(name);
        if (!handle) log.info({ name: name.slice(0, 100) }, 'Teams invoke not handled');
        // Answer every invoke, known or not, failed or not: Teams shows an error on no answer.
        const body = handle ? await answerInvoke(context, name, handle) : {};
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
        return;
      }
      default:
        log.debug({ type: activity.type }, 'Teams activity ignored');
    }
  };
}
