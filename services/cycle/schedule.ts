import {
  addWorkingDays,
  calendarDay,
  englandAndWalesBankHolidays,
  londonInstant,
  type BankHolidays,
} from './working-days';

export type ScheduledSendKind = 'request' | 'reminder' | 'escalation';

/** One message a monitoring cycle sends each target owner; `key` names it uniquely within the cycle. */
export interface ScheduledSend {
  kind: ScheduledSendKind;
  key: string; // 'request' | 'reminder-<n>' | 'escalation'
  at: Date;
}

export interface ReminderScheduleInput {
  opensOn: string; // yyyy-mm-dd: the update request goes out
  dueOn: string; // yyyy-mm-dd: updates are due by the end of this day
  remindDaysBefore?: readonly number[]; // working days before dueOn
  escalateDaysAfter?: number; // working days after dueOn
  time?: string; // hh:mm, London wall clock
  bankHolidays?: BankHolidays;
}

function requireWholeDays(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a whole number of working days, 1 or more (got ${value})`);
  }
}

/**
 * When a cycle asks, reminds and escalates, sorted by time: the request on `opensOn`, a reminder
 * `remindDaysBefore` working days before `dueOn`, an escalation `escalateDaysAfter` working days after
 * it, all at `time` London time. A reminder on or before the opening day is left out: nobody should be
 * reminded before, or on the same morning as, being asked. Throws an Error saying what is wrong when
 * the dates or numbers make no sense.
 */
export function reminderSchedule({
  opensOn,
  dueOn,
  remindDaysBefore = [5, 1],
  escalateDaysAfter = 1,
  time = '09:00',
  bankHolidays = englandAndWalesBankHolidays,
}: ReminderScheduleInput): ScheduledSend[] {
  calendarDay(opensOn, 'Opening date');
  calendarDay(dueOn, 'Due date');
  // ISO dates compare correctly as strings.
  if (dueOn <= opensOn) {
    throw new Error(`The due date (${dueOn}) must be after the opening date (${opensOn})`);
  }
  remindDaysBefore.forEach((days) => requireWholeDays(days, 'A reminder'));
  requireWholeDays(escalateDaysAfter, 'The escalation');

  const sends: ScheduledSend[] = [{ kind: 'request', key: 'request', at: londonInstant(opensOn, time) }];
  for (const days of new Set(remindDaysBefore)) {
    const on = addWorkingDays(dueOn, -days, bankHolidays);
    if (on > opensOn) sends.push({ kind: 'reminder', key: `reminder-${days}`, at: londonInstant(on, time) });
  }
  const escalateOn = addWorkingDays(dueOn, escalateDaysAfter, bankHolidays);
  sends.push({ kind: 'escalation', key: 'escalation', at: londonInstant(escalateOn, time) });
  return sends.sort((a, b) => a.at.getTime() - b.at.getTime());
}
