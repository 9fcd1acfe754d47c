import { Cycle, CycleTarget, Person, Priority, Target } from '../../models';
import { reportedText } from '../answers/figures';
import { notice } from '../answers/notice';
import type { NoticeView, UpdateFormView } from '../answers/views';
import { londonDate } from '../cycle/working-days';
import { cycleClosedText, ownerNamed, requestHeader, updateForm } from './form';
import { mayUpdate } from './permission';
import { valuesOf } from '../sign-off/decide';

/**
 * A fresh update form for one target in one cycle, for someone who may fill it in: opened from a
 * request's button (Slack's modal), or on demand from "my targets" and "update ED.1" (both
 * channels). A closed cycle, a target no longer asked for, or someone who is not its owner, deputy
 * or policy team gets a notice instead; who is asking comes from the platform, never the card.
 * `now` is the bot's clock: a form opened after the due date says it is overdue.
 */
export async function openForm(
  cycleId: string,
  targetId: string,
  personId: string | undefined,
  now: Date = new Date(),
): Promise<UpdateFormView | NoticeView> {
  const [cycle, target, asked, person] = await Promise.all([
    Cycle.findById(cycleId).lean(),
    Target.findById(targetId).lean(),
    CycleTarget.findById(`${cycleId}|${targetId}`, { submitted: 1 }).lean(),
    personId ? Person.findById(personId, { roles: 1 }).lean() : null,
  ]);
  if (!cycle || !target || !asked || target.plan !== cycle.plan)
    return notice('That update request is no longer valid.', ['my targets']);
  if (cycle.status === 'closed') return notice(cycleClosedText(cycle), ['my targets']);
  if (!mayUpdate(person && { _id: String(person._id), roles: person.roles }, target))
    return notice(
      `Only the target's owner${await ownerNamed(target.owner)}, its deputy or the policy team can update it.`,
    );
  const priority = await Priority.findById(`${target.plan}:${target.priority}`, { code: 1 }).lean();
  // A figure a sign-off step returned comes back in the form as it was submitted, to correct.
  const latest = target.latest;
  if (latest?.status === 'returned' && latest.cycle === cycle._id)
    return updateForm(
      cycle,
      target,
      priority?.code ?? 'no code',
      `${cycle.name}: your update (${reportedText(latest, target)}) was returned for correction; correct it and submit again — sign-off starts again.`,
      valuesOf({ update: latest }),
    );
  const sameUpdate = asked.submitted && target.latest?.update === asked.submitted.update;
  const header = asked.submitted
    ? `${cycle.name}: already reported${sameUpdate && target.latest ? ` (${reportedText(target.latest, target)})` : ''}; submitting again replaces it.`
    : requestHeader(cycle, londonDate(now));
  return updateForm(cycle, target, priority?.code ?? 'no code', header);
}
