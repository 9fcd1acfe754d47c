import { Cycle, CycleTarget, Priority, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { anyOf } from '../../models/operators';
import { ukDate } from '../answers/format';
import { enqueue } from '../delivery/outbox';
import type { JobHandler } from '../scheduling/scheduler';
import { addWorkingDays, calendarDay, londonInstant } from './working-days';

/** The committee a cycle's report goes to, as opened: "Cabinet" meeting on a day (yyyy-mm-dd). */
export interface Meeting {
  name: string;
  on: string;
}

/**
 * How many working days before its meeting a report is due when the cycle names no deadline: the
 * agenda and its reports are published at least five clear days before the meeting (Local
 * Government Act 1972, s.100B(3)), so the report is ready the working day before those five.
 */
export const CLEAR_DAYS = 5;

/** How many working days before the report deadline the policy team is warned of late sign-offs. */
export const WARN_DAYS_BEFORE = 2;

export interface CommitteeDates {
  reportDeadline?: string;
  /** What makes the dates impossible: the cycle is not opened. */
  problems: string[];
  /** What makes them tight: said when it opens. */
  warnings: string[];
}

/**
 * Checks a cycle's dates against the meeting its report goes to. The report deadline defaults to
 * CLEAR_DAYS + 1 working days before the meeting; it must fall after the updates' due date and on
 * or before the meeting, and the meeting after the due date. Fewer than 2 working days between the
 * due date and the deadline is allowed but warned of: that is all the time sign-off has.
 */
export function committeeDates(c: {
  dueOn: string;
  meeting?: Meeting;
  reportDeadline?: string;
}): CommitteeDates {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { dueOn, meeting } = c;
  if (meeting) calendarDay(meeting.on, 'The meeting date');
  if (c.reportDeadline) calendarDay(c.reportDeadline, 'The report deadline');
  const reportDeadline =
    c.reportDeadline ?? (meeting ? addWorkingDays(meeting.on, -(CLEAR_DAYS + 1)) : undefined);
  const named = meeting ? `${meeting.name} on ${ukDate(meeting.on)}` : '';
  if (meeting && meeting.on <= dueOn)
    problems.push(`The meeting (${named}) must be after the date updates are due (${ukDate(dueOn)}).`);
  if (meeting && reportDeadline && reportDeadline > meeting.on)
    problems.push(
      `The report deadline (${ukDate(reportDeadline)}) must be on or before the meeting (${named}).`,
    );
  if (reportDeadline && reportDeadline <= dueOn)
    problems.push(
      `Updates are due on ${ukDate(dueOn)}, but the report must be ready by ${ukDate(reportDeadline)}${meeting && !c.reportDeadline ? ` (${CLEAR_DAYS} clear working days before ${named})` : ''}: make the due date earlier or the deadline later.`,
    );
  else if (reportDeadline && addWorkingDays(dueOn, 2) > reportDeadline)
    warnings.push(
      `Only one working day lies between the due date (${ukDate(dueOn)}) and the report deadline (${ukDate(reportDeadline)}) for figures to be signed off.`,
    );
  return { reportDeadline, problems, warnings };
}

/** "Report to Cabinet, 24 Mar 2027 · report deadline 10 Mar 2027", or undefined when a cycle names neither. */
export function meetingLine(c: {
  meeting?: { name?: string | null; on?: string | null } | null;
  reportDeadline?: string | null;
}): string | undefined {
  const parts = [
    ...(c.meeting?.name && c.meeting.on ? [`Report to ${c.meeting.name}, ${ukDate(c.meeting.on)}`] : []),
    ...(c.reportDeadline ? [`report deadline ${ukDate(c.reportDeadline)}`] : []),
  ];
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * When the policy team is told what will miss the report: WARN_DAYS_BEFORE working days before the
 * deadline and on the morning of the deadline itself, 09:00 London time, only where after opening.
 */
export function deadlineChecks(opensOn: string, reportDeadline: string): { key: string; at: Date }[] {
  return [
    { key: `deadline-${WARN_DAYS_BEFORE}`, on: addWorkingDays(reportDeadline, -WARN_DAYS_BEFORE) },
    { key: 'deadline-0', on: reportDeadline },
  ]
    .filter((c) => c.on > opensOn)
    .map((c) => ({ key: c.key, at: londonInstant(c.on) }));
}

type Cycle = CycleDoc & { _id: string };

/**
 * Where each target of a cycle stands against its report: not submitted, awaiting sign-off (its
 * newest figure is provisional), returned to its owner, or confirmed (the figure submitted in this
 * cycle is the target's confirmed one).
 */
export async function reportReadiness(cycle: Cycle) {
  const rows = await CycleTarget.find({ cycle: cycle._id }).lean();
  const targets = await Target.find(
    { _id: anyOf(rows.map((r) => r.target)) },
    { key: 1, priority: 1, latest: 1, confirmed: 1 },
  ).lean();
  const byId = new Map(targets.map((t) => [String(t._id), t]));
  const priorities = await Priority.find({ plan: cycle.plan }, { key: 1, code: 1 }).lean();
  const codeOf = new Map(priorities.map((p) => [p.key, p.code ?? p.key]));
  const state = {
    notSubmitted: [] as string[],
    awaitingSignOff: [] as string[],
    returned: [] as string[],
    confirmed: [] as string[],
  };
  for (const row of rows) {
    const t = byId.get(row.target);
    const name = t ? `${codeOf.get(t.priority) ?? t.priority} (${t.key})` : row.target;
    const submitted = row.submitted?.update;
    if (!submitted) state.notSubmitted.push(name);
    else if (t?.confirmed?.update === submitted) state.confirmed.push(name);
    else if (t?.latest?.update === submitted && t.latest.status === 'returned') state.returned.push(name);
    else state.awaitingSignOff.push(name);
  }
  return state;
}

const list = (names: string[]) =>
  names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');

/**
 * The report-deadline check: tells the policy team which figures will miss the report — not
 * submitted, awaiting sign-off, returned — or nothing when every one is confirmed. Queued under
 * keys made from the job id, so a repeated run queues nothing new.
 */
export const deadlineJob =
  (deps: { now: () => Date; policyTeam: () => Promise<string[]> }): JobHandler =>
  async (payload, job) => {
    const cycle = (await Cycle.findById(String(payload.cycle)).lean()) as Cycle | null;
    if (!cycle || cycle.status === 'closed' || !cycle.reportDeadline) return 'cycle closed or gone';
    const ready = await reportReadiness(cycle);
    const late = ready.notSubmitted.length + ready.awaitingSignOff.length + ready.returned.length;
    if (late === 0) return 'every figure confirmed';
    const meeting =
      cycle.meeting?.name && cycle.meeting.on
        ? ` for ${cycle.meeting.name} on ${ukDate(cycle.meeting.on)}`
        : '';
    const parts = [
      ready.awaitingSignOff.length
        ? `${ready.awaitingSignOff.length} awaiting sign-off (${list(ready.awaitingSignOff)})`
        : '',
      ready.returned.length
        ? `${ready.returned.length} returned to their owners (${list(ready.returned)})`
        : '',
      ready.notSubmitted.length
        ? `${ready.notSubmitted.length} not submitted (${list(ready.notSubmitted)})`
        : '',
    ].filter(Boolean);
    const text = `"${cycle.name}": the report${meeting} must be ready by ${ukDate(cycle.reportDeadline)}, and ${late} of ${late + ready.confirmed.length} figures will miss it as things stand: ${parts.join('; ')}.`;
    const { queued, unreachable } = await enqueue(
      (await deps.policyTeam()).map((member) => ({
        id: `${job.id}>${member}`,
        batch: job.id,
        person: member,
        message: {
          kind: 'notice' as const,
          text,
          suggestions: [`cycle status ${cycle.name}`, `remind outstanding for ${cycle.name}`],
        },
      })),
      deps.now(),
    );
    return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
  };
