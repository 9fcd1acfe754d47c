import { DateTime } from 'luxon';
import { LONDON } from '../cycle/working-days';

/**
 * A date and time the policy team typed, read in London time: "2027-01-15" (at `defaultTime`) or
 * "2027-01-15 17:00" / "2027-01-15T17:00". Undefined when it is not one.
 */
export function londonDateTime(text: string, defaultTime = '17:00'): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [hh = '0', mm = '00'] = (m[2] ?? defaultTime).split(':');
  const at = DateTime.fromISO(`${m[1]}T${hh.padStart(2, '0')}:${mm}`, { zone: LONDON });
  return at.isValid ? at.toJSDate() : undefined;
}

/** "Fri 15 Jan 2027, 17:00", London time. */
export function ukWhen(at: Date): string {
  return DateTime.fromJSDate(at).setZone(LONDON).toFormat('ccc d LLL yyyy, HH:mm');
}

/** "Tue 16 Mar 2027, 14:00–16:00" (or both ends in full when it runs past a day). */
export function ukSpan(start: Date, end: Date): string {
  const a = DateTime.fromJSDate(start).setZone(LONDON);
  const b = DateTime.fromJSDate(end).setZone(LONDON);
  return a.hasSame(b, 'day')
    ? `${ukWhen(start)}–${b.toFormat('HH:mm')}`
    : `${ukWhen(start)} – ${ukWhen(end)}`;
}

/** A stable, readable id: "budget-consultation-2027-01-15". */
export function slug(title: string, at: Date): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return `${words || 'untitled'}-${DateTime.fromJSDate(at).setZone(LONDON).toISODate()}`;
}
