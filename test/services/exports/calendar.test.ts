import { execFileSync } from 'child_process';
import path from 'path';
import { workshopIcs, type CalendarEvent } from '../../../services/exports/calendar';

const workshop: CalendarEvent = {
  uid: 'workshop-42@golden-thread.example.gov.uk',
  title: 'Library futures workshop',
  description: 'Bring ideas, questions; and a friend',
  start: new Date('2027-01-12T10:00:00Z'),
  end: new Date('2027-01-12T12:30:00Z'),
  location: 'Committee Room 1, Town Hall',
  url: 'https://engage.example.gov.uk/workshops/42',
  organiser: { name: 'Policy Team', email: 'policy@example.gov.uk' },
  sequence: 0,
};

/** Unfolds the 75-octet continuation lines and returns the calendar's content lines. */
function lines(ics: string): string[] {
  expect(ics).toMatch(/\r\n$/);
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);
}

function property(ics: string, name: string): string | undefined {
  const line = lines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

describe('workshopIcs', () => {
  it('writes one VEVENT in a VCALENDAR with the uid, title, place, link and organiser', () => {
    const ics = workshopIcs(workshop);
    const all = lines(ics);
    expect(all[0]).toBe('BEGIN:VCALENDAR');
    expect(all[all.length - 1]).toBe('END:VCALENDAR');
    expect(all.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(property(ics, 'VERSION')).toBe('2.0');
    expect(property(ics, 'UID')).toBe('workshop-42@golden-thread.example.gov.uk');
    expect(property(ics, 'SUMMARY')).toBe('Library futures workshop');
    expect(property(ics, 'URL')).toBe('https://engage.example.gov.uk/workshops/42');
    expect(all).toContain('ORGANIZER;CN="Policy Team":MAILTO:policy@example.gov.uk');
    expect(property(ics, 'METHOD')).toBe('PUBLISH');
    expect(property(ics, 'STATUS')).toBe('CONFIRMED');
    expect(property(ics, 'DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('writes winter (GMT) times in UTC', () => {
    const ics = workshopIcs(workshop);
    expect(property(ics, 'DTSTART')).toBe('20270112T100000Z');
    expect(property(ics, 'DTEND')).toBe('20270112T123000Z');
  });

  it('writes summer (BST) times in UTC: 10:00 London on 15 June 2027 is 09:00Z', () => {
    const ics = workshopIcs({
      ...workshop,
      start: new Date('2027-06-15T10:00:00+01:00'),
      end: new Date('2027-06-15T11:45:00+01:00'),
    });
    expect(property(ics, 'DTSTART')).toBe('20270615T090000Z');
    expect(property(ics, 'DTEND')).toBe('20270615T104500Z');
  });

  // Jest keeps process.env.TZ from reaching Date, so each zone runs in a Node process of its own.
  it.each(['America/New_York', 'Asia/Tokyo', 'Europe/London'])(
    "writes the same UTC times when the server's own time zone is %s",
    (zone) => {
      const script = `
        const { workshopIcs } = require('./services/exports/calendar');
        const ics = workshopIcs({ uid: 'u', title: 't', sequence: 0,
          start: new Date('2027-06-15T09:00:00Z'), end: new Date('2027-06-15T10:30:00Z') });
        process.stdout.write(JSON.stringify({ offset: new Date('2027-06-15T09:00:00Z').getTimezoneOffset(), ics }));`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      const { offset, ics } = JSON.parse(out) as { offset: number; ics: string };
      expect(offset).toBe({ 'America/New_York': 240, 'Asia/Tokyo': -540, 'Europe/London': -60 }[zone]);
      expect(property(ics, 'DTSTART')).toBe('20270615T090000Z');
      expect(property(ics, 'DTEND')).toBe('20270615T103000Z');
    },
  );

  it('carries the sequence so a changed workshop replaces the older copy', () => {
    expect(property(workshopIcs(workshop), 'SEQUENCE')).toBe('0');
    expect(property(workshopIcs({ ...workshop, sequence: 3 }), 'SEQUENCE')).toBe('3');
  });

  it('sends a cancellation as METHOD:CANCEL and STATUS:CANCELLED with the same uid', () => {
    const ics = workshopIcs({ ...workshop, sequence: 4, cancelled: true });
    expect(property(ics, 'METHOD')).toBe('CANCEL');
    expect(property(ics, 'STATUS')).toBe('CANCELLED');
    expect(property(ics, 'UID')).toBe(workshop.uid);
    expect(property(ics, 'SEQUENCE')).toBe('4');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    const ics = workshopIcs({
      ...workshop,
      title: 'Parks, play; and pitches',
      description: 'Line one\nLine two\r\nLine three\rLine four \\ end',
      location: 'Room 2, Civic Centre; East Wing',
    });
    expect(property(ics, 'SUMMARY')).toBe('Parks\\, play\\; and pitches');
    expect(property(ics, 'DESCRIPTION')).toBe('Line one\\nLine two\\nLine three\\nLine four \\\\ end');
    expect(property(ics, 'LOCATION')).toBe('Room 2\\, Civic Centre\\; East Wing');
    for (const line of lines(ics)) expect(line).not.toMatch(/[\r\n]/);
  });

  // ics folds at 75 characters, not the 75 octets RFC 5545 recommends ("SHOULD"); calendar programs
  // accept either. What matters is that a fold never splits a character.
  it('keeps unicode and folds long lines without splitting a character', () => {
    const text = 'Budget £2m — the council’s plan 🙂. '.repeat(10);
    const ics = workshopIcs({ ...workshop, description: text });
    expect(property(ics, 'DESCRIPTION')).toBe(text);
    const raw = ics.split('\r\n');
    expect(raw.length).toBeGreaterThan(lines(ics).length);
    for (const line of raw) {
      expect(Array.from(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$|^[\t ]?[\uDC00-\uDFFF]/);
    }
  });

  it('keeps a quote or line break in the organiser name from breaking the line', () => {
    const ics = workshopIcs({
      ...workshop,
      organiser: { name: 'The "Policy"\nTeam', email: 'p@example.gov.uk' },
    });
    expect(lines(ics)).toContain('ORGANIZER;CN="The \'Policy\' Team":MAILTO:p@example.gov.uk');
  });

  it('leaves out optional fields that were not given', () => {
    const ics = workshopIcs({ uid: 'u1', title: 'T', start: workshop.start, end: workshop.end, sequence: 1 });
    for (const name of ['DESCRIPTION', 'LOCATION', 'URL', 'ORGANIZER'])
      expect(property(ics, name)).toBeUndefined();
  });

  it('throws a clear error when the workshop ends before it starts', () => {
    expect(() => workshopIcs({ ...workshop, start: workshop.end, end: workshop.start })).toThrow(
      /Workshop must end after it starts \(start 2027-01-12T12:30:00.000Z, end 2027-01-12T10:00:00.000Z\)/,
    );
    expect(() => workshopIcs({ ...workshop, end: workshop.start })).toThrow(/must end after it starts/);
  });

  it('throws for invalid dates, a bad sequence or an empty uid', () => {
    expect(() => workshopIcs({ ...workshop, start: new Date('nonsense') })).toThrow(/valid dates/);
    expect(() => workshopIcs({ ...workshop, sequence: -1 })).toThrow(/sequence/);
    expect(() => workshopIcs({ ...workshop, sequence: 1.5 })).toThrow(/sequence/);
    expect(() => workshopIcs({ ...workshop, uid: ' ' })).toThrow(/uid/);
  });

  it('passes on what ics rejects as an Error saying so', () => {
    expect(() => workshopIcs({ ...workshop, organiser: { name: 'X', email: 'not an email' } })).toThrow(
      /Could not write the workshop calendar file/,
    );
  });
});
