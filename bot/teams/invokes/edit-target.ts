import type { TurnContext } from 'botbuilder';
import { renderTeams } from '../../../cards/teams/render';
import { editTargetData, submitEditTargetForm } from '../../../services/forms/edit-target';
import type { Logger } from '../../../services/log/logger';
import type { PlanSnapshot } from '../../../services/plan/snapshot';
import { cardResponse, type CardAction } from './card-actions';
import { readFormAction } from './policy-forms';

/**
 * `editTarget` (cards/teams/edit-target.json): saves the target through services/forms/edit-target.ts
 * (checked with the plan file's schema, audited, one revision). The answer replaces the form with
 * what changed, and the priority's status card follows as a message of its own; on an error the
 * form comes back as typed with each message beside its field.
 */
export function editTargetAction(deps: {
  now: () => Date;
  log: Logger;
  refreshed: () => Promise<PlanSnapshot>;
}): CardAction {
  return async (value: unknown, context: TurnContext) => {
    const read = await readFormAction(value, context, 'editTarget', deps.log);
    if ('answer' in read) return read.answer;
    const which = editTargetData.safeParse(read.data);
    if (!which.success)
      return cardResponse({
        kind: 'notice',
        text: 'That form names no target, so nothing was changed.',
        suggestions: [],
      });
    const { views } = await submitEditTargetForm(
      { ...which.data, values: read.data, by: read.by, channel: 'teams' },
      deps.now(),
      deps.refreshed,
    );
    const [first, ...rest] = views;
    for (const view of rest) await context.sendActivity({ attachments: [renderTeams(view)] });
    return cardResponse(first ?? { kind: 'notice', text: 'Nothing was changed.', suggestions: [] });
  };
}
