import { SignOff } from '../../models';
import { insertNew } from '../../models/insert-new';
import type { Channel } from '../../models/rag';
import { ukDate } from '../answers/format';
import { recordAudit } from '../audit/record';
import { addWorkingDays, londonDate, londonInstant } from '../cycle/working-days';
import { enqueue, type Outgoing } from '../delivery/outbox';
import { schedule } from '../scheduling/scheduler';
import { actorsOf, type StepActors } from './approvers';
import { signOffView, stepWords, summaryOf, type Context } from './card';
import { signOffId } from './ledger';

/** The first reminder: this many working days after a step's card was sent (then daily). */
export const FIRST_REMINDER_DAYS = 2;
/** When reminders go out, London time, as a cycle's own reminders do. */
export const REMINDER_TIME = '09:00';

/** The reminder job for one approver at one step on one day: its `_id` makes it happen once. */
export const reminderJobId = (update: string, step: number, person: string, day: string): string =>
  `signoff-reminder:${signOffId(update, step)}:${person}:${day}`;

/** Who acts at `step` of the update's chain (the target's owner's line manager, a role, a person). */
export function stepActors(ctx: Context, step: number, today: string): Promise<StepActors> {
  return actorsOf(ctx.plan.signOff?.[step - 1], ctx.target.owner ?? ctx.update.by ?? '', today);
}

/**
 * Puts a just-submitted update into its plan's sign-off chain: records that it entered (with the
 * chain's length, frozen), audits it, and sends the first step's card. Returns the line the
 * submitter sees: the figure is provisional, and whose sign-off it waits for.
 */
export async function startSignOff(
  ctx: Context,
  channel: Exclude<Channel, 'import'>,
  now: Date,
): Promise<string> {
  const steps = ctx.plan.signOff?.length ?? 0;
  await insertNew(SignOff, [
    {
      _id: signOffId(ctx.update._id, 0),
      update: ctx.update._id,
      plan: ctx.update.plan,
      target: ctx.target._id,
      cycle: ctx.update.cycle ?? undefined,
      step: 0,
      decision: 'submitted',
      steps,
      by: ctx.update.by ?? 'unknown',
      at: now,
      channel,
    },
  ]);
  const actors = await requestStep(ctx, 1, steps, now);
  await recordAudit({
    at: now,
    by: ctx.update.by ?? 'unknown',
    channel,
    action: 'create',
    entity: 'signoffs',
    entityId: signOffId(ctx.update._id, 0),
    plan: ctx.update.plan,
    event: 'sign-off',
    summary: `Update of ${ctx.target.key} (${summaryOf(ctx)}) sent for sign-off: ${stepWords(ctx, 1, steps)}, ${actors.named}`,
    after: { update: ctx.update._id, step: 0, steps },
  });
  return `Provisional until signed off — next: ${stepWords(ctx, 1, steps)} (${actors.named}).`;
}

/**
 * Sends the card of one step to whoever acts at it (to the cover of anyone on leave), through the
 * outbox under keys made from the update and step, so a repeat sends nothing new; and schedules
 * each recipient's first reminder, FIRST_REMINDER_DAYS working days later.
 */
export async function requestStep(ctx: Context, step: number, steps: number, now: Date): Promise<StepActors> {
  const today = londonDate(now);
  const actors = await stepActors(ctx, step, today);
  const header = `${ctx.cycle?.name ?? 'Target update'}: please sign off this update — ${stepWords(ctx, step, steps)}.`;
  const messages: Outgoing[] = actors.recipients.map((person) => {
    const away = actors.covers.get(person);
    const why = away
      ? ` (${away.name} is away until ${ukDate(away.awayUntil ?? today)}; you are covering as their line manager)`
      : actors.fallback
        ? ` (${actors.fallback}, so the policy team signs off this step)`
        : '';
    return {
      id: `signoff:${signOffId(ctx.update._id, step)}>${person}`,
      batch: `signoff:${ctx.update._id}`,
      person,
      message: signOffView(ctx, step, `${header}${why}`),
    };
  });
  // Nobody signs off their own figure: the submitter is not sent a card to approve it.
  const others = messages.filter((m) => m.person !== ctx.update.by);
  await enqueue(others, now);
  const first = addWorkingDays(today, FIRST_REMINDER_DAYS);
  await schedule(
    others.map((m) => ({
      id: reminderJobId(ctx.update._id, step, m.person, first),
      kind: 'signoff-reminder',
      at: londonInstant(first, REMINDER_TIME),
      payload: { update: ctx.update._id, step, person: m.person },
    })),
  );
  return actors;
}
