import { z } from 'zod';
import { Cycle, CycleTarget, Priority, Target } from '../../models';
import { AUDIT_CHANNELS } from '../../models/audit';
import { recordAudit } from '../audit/record';
import { normaliseCode } from '../plan/codes';
import { schedule } from '../scheduling/scheduler';
import { scheduleRiskReviews } from '../risk/jobs';
import { committeeDates, deadlineChecks } from './committee';
import { reminderSchedule } from './schedule';
import { calendarDay, londonDate } from './working-days';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd');

export const openCycleInput = z.object({
  plan: z.string().min(1),
  name: z.string().trim().min(2, 'needs a name such as "Q3 2026/27"').max(80),
  opensOn: day.optional(),
  dueOn: day,
  periodFrom: day.optional(),
  /** An aim's id or code, or nothing for the whole plan. */
  aim: z.string().max(80).optional(),
  /** Priority codes or target keys; nothing for the whole plan (or aim). */
  targets: z.array(z.string().max(80)).max(5000).optional(),
  remindDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([5, 1]),
  escalateDaysAfter: z.number().int().min(1).max(30).default(1),
  tolerance: z.number().min(0).max(1).default(0.05),
  /** The committee its report goes to and the day it meets ("Cabinet", 2003-03-24). */
  meeting: z
    .object({ name: z.string().trim().min(2, 'needs a name such as "Cabinet"').max(80), on: day })
    .optional(),
  /** The day the report must be ready; by default CLEAR_DAYS + 1 working days before the meeting. */
  reportDeadline: day.optional(),
  by: z.string().min(1),
  /** Where it was opened from, for the audit trail: the command line unless said. */
  channel: z.enum(AUDIT_CHANNELS).default('cli'),
});
export type OpenCycleInput = z.input<typeof openCycleInput>;

export class CycleError extends Error {}

/**
 * Opens a monitoring cycle: fixes the targets in scope, and persists the request, reminders and
 * escalation for every owner as jobs, so that they happen even if no bot is running right now.
 * Opening is audited (who, `channel`, the cycle's name, scope and dates).
 */
export async function openCycle(input: OpenCycleInput, now: Date = new Date()) {
  const parsed = openCycleInput.safeParse(input);
  if (!parsed.success)
    throw new CycleError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'cycle'} ${i.message}`).join('; '),
    );
  const c = parsed.data;
  const opensOn = c.opensOn ?? londonDate(now);
  // The calendar's own errors name the bad date; they are the person's to fix, not a crash.
  const { when, committee } = (() => {
    try {
      calendarDay(c.dueOn, 'Due date');
      return {
        when: reminderSchedule({
          opensOn,
          dueOn: c.dueOn,
          remindDaysBefore: c.remindDaysBefore,
          escalateDaysAfter: c.escalateDaysAfter,
        }),
        committee: committeeDates(c),
      };
    } catch (error) {
      throw new CycleError((error as Error).message);
    }
  })();
  if (committee.problems.length) throw new CycleError(committee.problems.join(' '));
  const { reportDeadline } = committee;
  const periodFrom = c.periodFrom ?? calendarDay(opensOn).minus({ months: 3 }).toISODate()!;

  const targets = await inScope(c.plan, c.aim, c.targets);
  if (targets.length === 0)
    throw new CycleError('No targets are in that scope, so there is nothing to ask for.');
  const id = `${c.plan}:${c.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
  if (await Cycle.exists({ _id: id }))
    throw new CycleError(`A cycle called "${c.name}" already exists in ${c.plan}.`);
  const scope = c.aim ? `aim ${c.aim}` : c.targets?.length ? `${c.targets.length} listed` : 'all';
  await Cycle.create({
    _id: id,
    plan: c.plan,
    name: c.name,
    scope,
    targetCount: targets.length,
    periodFrom,
    opensOn,
    dueOn: c.dueOn,
    remindDaysBefore: c.remindDaysBefore,
    escalateDaysAfter: c.escalateDaysAfter,
    tolerance: c.tolerance,
    meeting: c.meeting,
    reportDeadline,
    openedBy: c.by,
  });
  await recordAudit({
    at: now,
    by: c.by,
    channel: c.channel,
    action: 'create',
    entity: 'cycles',
    entityId: id,
    plan: c.plan,
    event: 'cycle-open',
    after: {
      name: c.name,
      scope,
      targetCount: targets.length,
      opensOn,
      dueOn: c.dueOn,
      periodFrom,
      ...(c.meeting ? { meeting: c.meeting } : {}),
      ...(reportDeadline ? { reportDeadline } : {}),
    },
  });
  await CycleTarget.insertMany(
    targets.map((t) => ({ _id: `${id}|${t._id}`, cycle: id, target: t._id, owner: t.owner ?? undefined })),
  );
  const owners = [...new Set(targets.map((t) => t.owner).filter((o): o is string => !!o))];
  await schedule([
    ...owners.flatMap((owner) =>
      when.map((w) => ({
        id: `${w.key}:${id}:${owner}`,
        kind: `cycle-${w.kind}`,
        at: w.at,
        payload: { cycle: id, owner },
      })),
    ),
    // The policy team hears in time what will miss the committee's report (services/cycle/committee.ts).
    ...(reportDeadline
      ? deadlineChecks(opensOn, reportDeadline).map((d) => ({
          id: `${d.key}:${id}`,
          kind: 'cycle-deadline',
          at: d.at,
          payload: { cycle: id },
        }))
      : []),
  ]);
  // Risk reviews ride on the cycle: owners of risks in scope get a re-score form with the request.
  const riskOwners = await scheduleRiskReviews({ _id: id, plan: c.plan, scope }, when[0]?.at ?? now);
  return {
    id,
    riskOwners,
    reportDeadline,
    warnings: committee.warnings,
    targets: targets.length,
    owners: owners.length,
    withoutOwner: targets.filter((t) => !t.owner).map((t) => t.key),
    schedule: when,
  };
}

async function inScope(plan: string, aim: string | undefined, wanted: string[] | undefined) {
  const all = await Target.find({ plan }, { key: 1, owner: 1, priority: 1, order: 1, status: 1 })
    .sort({ order: 1 })
    .lean();
  const priorities = await Priority.find({ plan }, { key: 1, code: 1, aliases: 1, aim: 1, status: 1 }).lean();
  // A deleted item is kept in the plan, shown as deleted, and never asked for (issue 15).
  const deleted = new Set(priorities.filter((p) => p.status === 'deleted').map((p) => p.key));
  let chosen = all.filter((t) => t.status !== 'deleted' && !deleted.has(t.priority));
  if (aim) {
    const inAim = new Set(
      priorities
        .filter((p) => p.aim === aim || normaliseCode(p.key).startsWith(normaliseCode(aim)))
        .map((p) => p.key),
    );
    chosen = chosen.filter((t) => inAim.has(t.priority));
  }
  if (wanted?.length) {
    const names = new Set(wanted.map(normaliseCode));
    const byPriority = new Set(
      priorities
        .filter((p) => [p.key, p.code, ...p.aliases].some((n) => n && names.has(normaliseCode(n))))
        .map((p) => p.key),
    );
    const unknown = wanted.filter(
      (w) =>
        !all.some((t) => normaliseCode(t.key) === normaliseCode(w)) &&
        !priorities.some((p) =>
          [p.key, p.code, ...p.aliases].some((n) => n && normaliseCode(n) === normaliseCode(w)),
        ),
    );
    if (unknown.length) throw new CycleError(`Not in plan ${plan}: ${unknown.join(', ')}`);
    chosen = chosen.filter((t) => byPriority.has(t.priority) || names.has(normaliseCode(t.key)));
  }
  return chosen;
}
