import type { DateTime } from 'luxon';
import { addWorkingDays, calendarDay, londonDate, londonInstant } from '../cycle/working-days';

/** A financial quarter (years start in April): "Q2 2026/27", 1 July to 30 September 2026. */
export interface Quarter {
  name: string;
  /** First and last day, yyyy-mm-dd. */
  from: string;
  to: string;
}

/** When one demo monitoring cycle opened, is due, took its updates and (for a past one) closed. */
export interface CycleDates {
  quarter: Quarter;
  opensOn: string;
  dueOn: string;
  openedAt: Date;
  /** When the i-th update was submitted: spread over the working days after opening. */
  submittedAt(i: number): Date;
  /** Undefined for the open cycle. */
  closedAt?: Date;
}

const iso = (day: DateTime) => day.toISODate() ?? '';

/** The financial quarter whose last day is `end`. */
export function quarterEnding(end: DateTime): Quarter {
  // Calendar quarters and financial quarters share their boundaries, only the numbering differs.
  const startYear = end.month <= 3 ? end.year - 1 : end.year;
  const number = end.month <= 3 ? 4 : end.month / 3 - 1;
  return {
    name: `Q${number} ${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    from: iso(end.startOf('quarter')),
    to: iso(end.endOf('quarter').startOf('day')),
  };
}

/** A London clock time on a day, varied by `i` so that a list of events does not share a minute. */
const at = (day: string, i: number, hour = 10) =>
  londonInstant(day, `${hour + (i % 6)}:${String((i * 7) % 60).padStart(2, '0')}`);

/** The i-th event of a list spread over the `days` working days after `from`, in turn. */
function spread(from: string, days: number, hour?: number): (i: number) => Date {
  const after: string[] = [];
  for (let day = from; after.length < days; after.push(day)) day = addWorkingDays(day, 1);
  return (i) => at(after[i % days] ?? from, i, hour);
}

/**
 * The demo's dates, worked out from `now` so that the demo looks right whatever day it is loaded:
 *
 * - The open cycle opened 5 working days ago and is due 15 working days from today, so its
 *   reminders (5 and 1 working days before) and escalation are all still to come. It reports on the
 *   last quarter that ended before it opened; its updates came in on the first few days.
 * - Cycle `offset` (-1, -2, …) reports on the quarter that many quarters earlier: it opened 5
 *   working days after that quarter ended, was due 20 working days after, and closed 3 working
 *   days after it was due — all before the next quarter ended, so long before today.
 * - The consultation went out 30 working days ago and closed 15 working days ago, at 17:00.
 * - The workshop was announced 5 working days ago and starts 15 working days from today.
 *
 * Every instant is London time and in the past except the open cycle's due date and the workshop.
 */
export function demoCalendar(now: Date) {
  const today = londonDate(now);
  const opensOn = addWorkingDays(today, -5);
  const lastEnded = calendarDay(opensOn).startOf('quarter').minus({ days: 1 });

  function cycle(offset: number): CycleDates {
    if (!Number.isInteger(offset) || offset > 0) throw new Error(`A demo cycle's quarter is 0 or before`);
    const quarter = quarterEnding(
      lastEnded
        .minus({ months: -3 * offset })
        .endOf('month')
        .startOf('day'),
    );
    if (offset === 0) {
      return {
        quarter,
        opensOn,
        dueOn: addWorkingDays(today, 15),
        openedAt: londonInstant(opensOn, '08:30'),
        submittedAt: spread(opensOn, 4),
      };
    }
    const opened = addWorkingDays(quarter.to, 5);
    const dueOn = addWorkingDays(quarter.to, 20);
    return {
      quarter,
      opensOn: opened,
      dueOn,
      openedAt: londonInstant(opened, '08:30'),
      submittedAt: spread(opened, 12),
      closedAt: londonInstant(addWorkingDays(dueOn, 3), '16:00'),
    };
  }

  const sentOn = addWorkingDays(today, -30);
  const closesOn = addWorkingDays(today, -15);
  const announcedOn = addWorkingDays(today, -5);
  return {
    now,
    today,
    cycle,
    consultation: {
      sentAt: londonInstant(sentOn, '10:00'),
      /** As the "new consultation" form takes it: London date and time. */
      closes: `${closesOn} 17:00`,
      closesAt: londonInstant(closesOn, '17:00'),
      answeredAt: spread(sentOn, 12, 9),
    },
    workshop: {
      announcedAt: londonInstant(announcedOn, '10:00'),
      /** The day it runs, yyyy-mm-dd. */
      on: addWorkingDays(today, 15),
      repliedAt: spread(announcedOn, 4, 11),
    },
  };
}

export type DemoCalendar = ReturnType<typeof demoCalendar>;
