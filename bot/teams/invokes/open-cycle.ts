import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { submitOpenCycleForm } from '../../../services/forms/open-cycle';
import type { Logger } from '../../../services/log/logger';
import { cardResponse, type CardAction } from './card-actions';
import { readFormAction } from './policy-forms';

const plan = z.string().min(1).max(200);

/**
 * `openCycle` (cards/teams/open-cycle.json): opens a monitoring cycle through the cycle service,
 * audited as from Teams. The answer replaces the form: what was scheduled, or the form as typed
 * with each error beside its field.
 */
export function openCycleAction(deps: { now: () => Date; log: Logger }): CardAction {
  return async (value: unknown, context: TurnContext) => {
    const read = await readFormAction(value, context, 'openCycle', deps.log);
    if ('answer' in read) return read.answer;
    const planId = plan.safeParse(read.data.plan);
    if (!planId.success)
      return cardResponse({
        kind: 'notice',
        text: 'That form names no plan, so nothing was opened.',
        suggestions: ['open a cycle'],
      });
    const { view } = await submitOpenCycleForm(
      { plan: planId.data, values: read.data, by: read.by, channel: 'teams' },
      deps.now(),
    );
    return cardResponse(view);
  };
}
