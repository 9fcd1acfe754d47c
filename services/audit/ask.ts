import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { LONDON } from '../cycle/working-days';

/** "changes to ED.1 since 1 Nov", read: what about (as typed) and from when (as typed). */
export interface AuditAsk {
  about?: string;
  since?: string;
  /** Said "audit": always a request for the trail. "changes to …" is one only when … is a code. */
  strong: boolean;
}

const STRONG = ['audit trail', 'audit log', 'audit'];
const WEAK = ['recent changes', 'changes', 'what has changed', "what's changed", 'what changed'];
const LEADS = ['show me the ', 'show me ', 'show the ', 'show ', 'the '];
const ABOUT = ['to ', 'of ', 'for ', 'on ', 'in ', 'about '];

const after = (text: string, heads: readonly string[]) => {
  const head = heads.find((h) => text === h || text.startsWith(`${h} `));
  return head === undefined ? undefined : text.slice(head.length).trim();
};

/**
 * Reads "audit", "audit since 1 Nov", "changes to ED.1", "show the audit trail for ED.1/1 since
 * 2026-11-01" from a question already lower-cased with single spaces. Undefined when the question
 * is not about the audit trail. String methods, not a pattern: the rest of the text is anything.
 */
export function readAuditAsk(lower: string): AuditAsk | undefined {
  let text = lower.trim();
  while (text.endsWith('?') || text.endsWith('.')) text = text.slice(0, -1).trimEnd();
  const lead = LEADS.find((l) => text.startsWith(l));
  if (lead) text = text.slice(lead.length);
  const strongRest = after(text, STRONG);
  const rest = strongRest ?? after(text, WEAK);
  if (rest === undefined) return undefined;
  let about = rest;
  let since: string | undefined;
  if (about.startsWith('since ')) {
    since = about.slice('since '.length).trim();
    about = '';
  } else {
    const at = about.lastIndexOf(' since ');
    if (at >= 0) {
      since = about.slice(at + ' since '.length).trim();
      about = about.slice(0, at).trim();
    }
  }
  const preposition = ABOUT.find((p) => about.startsWith(p));
  if (preposition) about = about.slice(preposition.length).trim();
  return { about: about || undefined, since: since || undefined, strong: strongRest !== undefined };
}

/**
 * The start (00:00 London) of the day "since …" names, read as UK staff write dates: "1 Nov",
 * "1/11/2026" (day first), "2026-11-01", "yesterday", "last Monday". A date with no year is the
 * latest one not after today, since an audit looks back. Undefined when no date can be read.
 */
export function sinceDate(text: string, now: Date): Date | undefined {
  const today = DateTime.fromJSDate(now).setZone(LONDON);
  // chrono counts in the server's zone: hand it London's date as local noon (as leave.ts does).
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  const [found] = chrono.en.GB.parse(text, reference);
  if (!found) return undefined;
  const s = found.start;
  let day = DateTime.fromObject(
    { year: s.get('year') ?? today.year, month: s.get('month') ?? 1, day: s.get('day') ?? 1 },
    { zone: LONDON },
  );
  if (!day.isValid) return undefined;
  if (day > today && !s.isCertain('year')) day = day.minus({ years: 1 });
  return day.startOf('day').toJSDate();
}
