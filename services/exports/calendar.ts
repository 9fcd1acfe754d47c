import { createEvent, type EventAttributes } from 'ics';

/** A workshop as a calendar invitation. `uid` stays the same for the life of the workshop. */
export interface CalendarEvent {
  uid: string;
  title: string;
  description?: string;
  start: Date;
  end: Date;
  location?: string;
  url?: string;
  organiser?: { name: string; email: string };
  /** Goes up by one each time the workshop changes, so calendars replace their older copy. */
  sequence: number;
  cancelled?: boolean;
}

const PRODUCT_ID = '-//Golden Thread//Workshops//EN';

/**
 * An iCalendar (.ics) file for one workshop. Times are written in UTC ("Z"), so a calendar in
 * Europe/London shows the right local time in both GMT and BST. A cancelled workshop is sent as
 * METHOD:CANCEL with STATUS:CANCELLED, which tells calendars to remove it.
 * Throws an Error if the times are invalid, the end is not after the start, or the sequence is not
 * a whole number of 0 or more.
 */
export function workshopIcs(event: CalendarEvent): string {
  const start = event.start.getTime();
  const end = event.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new Error('Workshop start and end must be valid dates');
  if (end <= start) {
    throw new Error(
      `Workshop must end after it starts (start ${event.start.toISOString()}, end ${event.end.toISOString()})`,
    );
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new Error(`Workshop sequence must be a whole number of 0 or more, not ${event.sequence}`);
  }
  if (event.uid.trim() === '') throw new Error('Workshop needs a uid so calendars can update it');

  const attributes: EventAttributes = {
    productId: PRODUCT_ID,
    method: event.cancelled ? 'CANCEL' : 'PUBLISH',
    uid: event.uid,
    sequence: event.sequence,
    status: event.cancelled ? 'CANCELLED' : 'CONFIRMED',
    title: plain(event.title),
    // Timestamps are instants; 'utc' on both sides keeps the server's own time zone out of it.
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
  };
  if (event.description !== undefined) attributes.description = plain(event.description);
  if (event.location !== undefined) attributes.location = plain(event.location);
  if (event.url !== undefined) attributes.url = event.url;
  if (event.organiser) {
    attributes.organizer = { name: paramValue(event.organiser.name), email: event.organiser.email };
  }

  const { error, value } = createEvent(attributes);
  if (error || value === null) {
    throw new Error(`Could not write the workshop calendar file: ${error?.message ?? 'no output'}`);
  }
  return value;
}

// ics escapes "\n" and "\r\n" but would pass a lone "\r" through and break the line structure.
function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// A parameter value (CN="…") may hold neither a double quote nor a line break, and ics escapes the
// quote with a backslash, which the format does not allow.
function paramValue(text: string): string {
  return text.replace(/"/g, "'").replace(/\s+/g, ' ').trim();
}
