import { SignOff } from '../../models';
import { ukDate } from '../answers/format';
import { londonDate, londonInstant, nextWorkingDay } from '../cycle/working-days';
import { enqueue } from '../delivery/outbox';
import type { JobHandler } from '../scheduling/scheduler';
import { schedule } from '../scheduling/scheduler';
import { contextOf, signOffView, stepWords } from './card';
import { standingOf, type SignOffRow } from './ledger';
import { REMINDER_TIME, reminderJobId, stepActors } from './request';

interface SignOffJobDeps {
  now: () => Date;
}

/**
 * `signoff-reminder`: one approver's reminder for one step, FIRST_REMINDER_DAYS working days after
 * its card went out, then each working day up to the cycle's due date, for as long as the step
 * still waits on them. Each run queues under its own job id and schedules the next day's job under
 * that day's id, so a repeated run sends and schedules nothing new. It stops once the step is
 * decided, the update is returned or superseded, the cycle closes, or the person no longer acts.
 */
export function signOffJobs(deps: SignOffJobDeps): Record<string, JobHandler> {
  return {
    'signoff-reminder': async (payload, job) => {
      const update = String(payload.update);
      const step = Number(payload.step);
      const person = String(payload.person);
      const ctx = await contextOf(update);
      if (!ctx) return 'update gone';
      if (ctx.cycle?.status === 'closed') return 'cycle closed';
      if (ctx.target.latest?.update !== update) return 'superseded';
      const standing = standingOf((await SignOff.find({ update }).lean()) as SignOffRow[]);
      if (!standing || standing.status !== 'provisional')
        return `no longer pending (${standing?.status ?? 'none'})`;
      if (standing.approved.length + 1 !== step) return 'step decided';
      const day = londonDate(job.at);
      const actors = await stepActors(ctx, step, day);
      if (!actors.recipients.includes(person)) return 'no longer an approver';
      const sentOn = londonDate(deps.now());
      const header = `Reminder — ${ctx.cycle?.name ?? 'Target update'}: this update has waited for your sign-off since ${ukDate(ctx.update.at)} — ${stepWords(ctx, step, standing.steps)}.`;
      const { queued } = await enqueue(
        [{ id: `${job.id}>card`, batch: job.id, person, message: signOffView(ctx, step, header) }],
        deps.now(),
      );
      const next = nextWorkingDay(day > sentOn ? day : sentOn);
      if (ctx.cycle && next <= ctx.cycle.dueOn)
        await schedule([
          {
            id: reminderJobId(update, step, person, next),
            kind: 'signoff-reminder',
            at: londonInstant(next, REMINDER_TIME),
            payload: { update, step, person },
          },
        ]);
      return `queued ${queued}`;
    },
  };
}
