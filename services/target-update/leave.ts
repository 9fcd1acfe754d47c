import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { calendarDay, LONDON, ukDate } from '../cycle/working-days';

/** What a service manager said about their leave. `until` is the date they named (yyyy-mm-dd). */
export type AwayNotice =
  { kind: 'away'; until: string } | { kind: 'back' } | { kind: 'unclear'; message: string };

// "I'm", "Im", "I’m" (phones type a curly apostrophe) or "I am".
const SELF = String.raw`(?:i\s*(?:['’]\s*)?m|i\s+am)\s+`;
// "off" alone is too common ("what's off track?"), so it counts only as "off work" or "off until …".
const AWAY = String.raw`(?:away|on\s+(?:annual\s+)?leave|on\s+holiday|out\s+of\s+(?:the\s+)?office|off\s+work|off(?=\s+(?:until|till|til)\b))`;
const BACK = String.raw`(?:${SELF}back|(?:${SELF})?back\s+from\s+(?:annual\s+)?(?:leave|holiday))\b`;
const UNTIL = /^(?:until|till|til|'til|’til|up\s+(?:to|until)|through)\s+(\S.*)$/i;

/**
 * Spots a leave message cheaply: it matches exactly the texts `parseAway` answers (away, back or
 * unclear), so the intent parser can route on it. Not global, so `test` keeps no state between calls.
 */
export const LEAVE_PATTERN = new RegExp(String.raw`^\s*(?:(?:${SELF})?${AWAY}\b|${BACK})`, 'i');
const BACK_AT_START = new RegExp(String.raw`^\s*${BACK}`, 'i');

const EXAMPLE = `"I'm away until 3 January" or "away till Friday"`;
const MAX_DAYS_AHEAD = 365;

function unclear(message: string): AwayNotice {
  return { kind: 'unclear', message };
}

/**
 * chrono works in the server's own time zone, and mixes it with any zone it is given (with London's
 * offset, a server in California read "23 November" on 23 November as next year, and "Monday" on a
 * Monday as next week). So hand it today's London date as local noon: every zone has a noon, and
 * chrono then counts from the right day wherever the bot runs.
 */
function referenceFor(today: DateTime): Date {
  return new Date(today.year, today.month - 1, today.day, 12);
}

/**
 * Reads the last day out of "3 January", "3/1/2027" (day first), "Friday" or "1-5 Dec"; a date with no
 * year is the next one on or after today. Without "until" only a range says when leave ends.
 */
function readDate(said: string, today: DateTime, rangeOnly: boolean): string | undefined {
  const [found] = chrono.en.GB.parse(said, referenceFor(today), { forwardDate: true });
  const last = rangeOnly ? found?.end : (found?.end ?? found?.start);
  if (!last) return undefined;
  const day = DateTime.fromObject(
    {
      year: last.get('year') ?? undefined,
      month: last.get('month') ?? undefined,
      day: last.get('day') ?? undefined,
    },
    { zone: LONDON },
  );
  return day.isValid ? (day.toISODate() ?? undefined) : undefined;
}

/**
 * Understands "I'm away until 3 January", "on leave until 3/1/2027", "away till Friday" and "I'm back".
 * `today` is the London date (yyyy-mm-dd) that a date without a year counts on from. A leave message
 * with no date, an unreadable one, or one in the past or over a year ahead is unclear, with a message
 * saying why; anything not about leave gives undefined.
 */
export function parseAway(text: string, today: string): AwayNotice | undefined {
  const day = calendarDay(today, 'Today');
  const said = text.replace(/\s+/g, ' ').trim();
  if (BACK_AT_START.test(said)) return { kind: 'back' };
  const away = LEAVE_PATTERN.exec(said);
  if (!away) return undefined;

  const rest = said.slice(away[0].length).replace(/^[\s,:;–-]+/, '');
  const afterUntil = UNTIL.exec(rest)?.[1];
  const until = readDate(afterUntil ?? rest, day, afterUntil === undefined);
  if (!until && afterUntil) return unclear(`I couldn't read "${afterUntil}" as a date. Try ${EXAMPLE}.`);
  // "I'm away", "on leave next week": about leave, but no day it ends.
  if (!until) return unclear(`Tell me the date you're away until, e.g. ${EXAMPLE}.`);
  if (until < today) {
    return unclear(`${ukDate(until)} is in the past. Tell me the date you're away until, e.g. ${EXAMPLE}.`);
  }
  const latest = day.plus({ days: MAX_DAYS_AHEAD }).toISODate() ?? today;
  if (until > latest) {
    return unclear(
      `${ukDate(until)} is more than a year ahead; leave can be set up to ${ukDate(latest)}. Try ${EXAMPLE}.`,
    );
  }
  return { kind: 'away', until };
}
