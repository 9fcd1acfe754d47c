import { DateTime } from 'luxon';
import { LONDON } from '../cycle/working-days';

/**
 * The instant `days` calendar days before `at`, at the same Europe/London wall-clock time: a 7-day
 * reminder for a workshop at 10:00 on 1 April 2027 (BST) goes at 10:00 on 25 March (GMT), not at
 * 09:00 as subtracting 7 × 24 hours would give across the change. Every "n days before" a council
 * event — workshop reminders, consultation nudges — is computed here, so none of them is taken in
 * UTC. (Monitoring cycles count working days on London calendar days in `cycle/working-days`.)
 *
 * The clocks change at 01:00 UTC on the last Sundays of March and October (The Summer Time Order
 * 2002, SI 2002/262). A wall time that does not exist on the day (01:00–01:59 on the March Sunday)
 * moves an hour later; one that happens twice (01:00–01:59 on the October Sunday) is taken in GMT,
 * the second time round; both as luxon resolves them.
 *
 * @param at the event's instant
 * @param days whole calendar days, 0 or more
 * @throws Error when `at` is not a valid instant or `days` is not a whole number of 0 or more
 */
export function londonDaysBefore(at: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`A number of days before must be a whole number, 0 or more, not ${days}`);
  const wall = DateTime.fromJSDate(at, { zone: LONDON });
  if (!wall.isValid) throw new Error('Cannot count days back from an invalid instant');
  return wall.minus({ days }).toJSDate();
}
