import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { View } from '../../../services/answers/views';
import { policyMember, FORM_DOES, type PolicyForm } from '../../../services/forms/fields';
import type { Logger } from '../../../services/log/logger';
import { whoIs } from '../teams-bot';
import { cardResponse } from './card-actions';

// Teams merges the card's inputs into the action's data: every input is text, and only the form's
// own fields are read from it (services/forms/fields.ts `formValues`). Who is acting comes from the
// activity, never from here.
const executed = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.record(z.string().max(100), z.unknown()),
  }),
});

/**
 * A policy-team form's Action.Execute, read at the edge: its data, and the person acting when they
 * are in the policy team. Anything else is answered here, with nothing changed: an unreadable card,
 * or someone outside the policy team (logged, and told so).
 */
export async function readFormAction(
  value: unknown,
  context: TurnContext,
  form: PolicyForm,
  log: Logger,
): Promise<{ data: Record<string, unknown>; by: string } | { answer: object }> {
  const parsed = executed.safeParse(value);
  if (!parsed.success)
    return { answer: cardResponse(say('That card could not be read, so nothing was changed.')) };
  const { personId } = await whoIs(context);
  const person = await policyMember(personId);
  if (!person) {
    log.warn({ person: personId, form }, 'Policy form refused: policy team only');
    return { answer: cardResponse(say(`Only the policy team can ${FORM_DOES[form]}. Nothing was changed.`)) };
  }
  return { data: parsed.data.action.data, by: person._id };
}

const say = (text: string): View => ({ kind: 'notice', text, suggestions: [] });
