import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renderTeams } from '../../cards/teams/render';
import type { Logger } from '../../services/log/logger';
import type { Turn } from '../router';
import type { View } from '../../services/answers/views';

export type Ask = (turn: Turn) => Promise<View>;

/** Translates Teams activities into turns and views back into Adaptive Cards. */
export function createTeamsBot(ask: Ask, log: Logger): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message: {
        const text = typeof activity.text === 'string' ? activity.text : '';
        const view = await ask({ text, asker: {} });
        await context.sendActivity({ type: ActivityTypes.Message, attachments: [renderTeams(view)] });
        return;
      }
      case ActivityTypes.ConversationUpdate: {
        const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
        if (added)
          await context.sendActivity({ attachments: [renderTeams(await ask({ text: 'help', asker: {} }))] });
        return;
      }
      case ActivityTypes.Invoke:
        log.info({ name: activity.name }, 'Teams invoke not handled');
        // Answer every invoke, known or not: Teams shows an error to the person on no answer.
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
        return;
      default:
        log.debug({ type: activity.type }, 'Teams activity ignored');
    }
  };
}
