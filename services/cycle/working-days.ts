import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

// The display format already lives with the answers: a yyyy-mm-dd string is read as that calendar
// day ("15 Jan 2027", "30 Sept 2026"), so cycles reuse it rather than keep a second copy.
export { ukDate } from '../answers/format';

/** Council deadlines are kept in London time, whatever zone the server runs in. */
export const LONDON = 'Europe/London';

/** The bank holidays of one year as yyyy-mm-dd strings. Injected so tests can add closure days. */
export type BankHolidays = (year: number) => ReadonlySet<string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** Reads a yyyy-mm-dd string as a London calendar day, refusing "2027-02-30" and other non-dates. */
export function calendarDay(date: string, what = 'Date'): DateTime {
  const day = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: LONDON }) : undefined;
  if (!day?.isValid)
    throw new Error(`${what} "${date}" is not a real date; write it as yyyy-mm-dd, e.g. 2027-01-15`);
  return day;
}

function isoDate(day: DateTime): string {
  // toISODate is only null for an invalid DateTime, which calendarDay never hands out.
  return day.toISODate() ?? '';
}

let calendar: Holidays | undefined;
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/**
 * England & Wales public bank holidays, substitute days included. date-holidays also lists
 * observances (Mothering Sunday, Christmas Eve…) that are ordinary working days, hence the type filter.
 * Each year is worked out once: date-holidays evaluates its rules afresh on every call.
 */
export const englandAndWalesBankHolidays: BankHolidays = (year) => {
  let days = holidaysByYear.get(year);
  if (!days) {
    calendar ??= new Holidays('GB', 'ENG');
    // `date` is the local "yyyy-mm-dd hh:mm:ss" of the holiday, so its first ten characters are the day.
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
};

/** True for a weekday that is not an England & Wales bank holiday. */
export function isWorkingDay(
  date: string,
  bankHolidays: BankHolidays = englandAndWalesBankHolidays,
): boolean {
  const day = calendarDay(date);
  return day.weekday <= 5 && !bankHolidays(day.year).has(date);
}

/**
 * The working day `n` working days after `date` (before it when `n` is negative); `date` itself is
 * not counted, so it need not be a working day. `n = 0` gives `date` back unchanged.
 */
export function addWorkingDays(
  date: string,
  n: number,
  bankHolidays: BankHolidays = englandAndWalesBankHolidays,
): string {
  if (!Number.isInteger(n)) throw new Error(`A number of working days must be a whole number, not ${n}`);
  const step = Math.sign(n);
  let day = calendarDay(date);
  for (let left = Math.abs(n); left > 0;) {
    day = day.plus({ days: step });
    if (isWorkingDay(isoDate(day), bankHolidays)) left -= 1;
  }
  return isoDate(day);
}

/** The working day `n` working days before `date`. */
export function workingDaysBefore(
  date: string,
  n: number,
  bankHolidays: BankHolidays = englandAndWalesBankHolidays,
): string {
  return addWorkingDays(date, -n, bankHolidays);
}

/** The first working day after `date`. */
export function nextWorkingDay(
  date: string,
  bankHolidays: BankHolidays = englandAndWalesBankHolidays,
): string {
  return addWorkingDays(date, 1, bankHolidays);
}

/**
 * The instant a London wall clock shows `time` (h:mm or hh:mm, 24-hour) on `date`, in GMT or BST as the day
 * falls. A time skipped when the clocks go forward (01:00–01:59 on the last Sunday of March) moves an
 * hour later, as luxon does.
 */
export function londonInstant(date: string, time = '09:00'): Date {
  if (!CLOCK_TIME.test(time))
    throw new Error(`Time "${time}" is not a clock time; write it as hh:mm, e.g. 09:00`);
  const [hour, minute] = time.split(':').map(Number);
  return calendarDay(date).set({ hour, minute }).toJSDate();
}

/** The London calendar day (yyyy-mm-dd) on which `instant` falls. */
export function londonDate(instant: Date): string {
  const day = DateTime.fromJSDate(instant, { zone: LONDON });
  if (!day.isValid) throw new Error('Cannot give the London date of an invalid instant');
  return isoDate(day);
}
