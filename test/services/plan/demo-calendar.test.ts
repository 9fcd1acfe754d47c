import { DateTime } from 'luxon';
import { reminderSchedule } from '../../../services/cycle/schedule';
import { londonDate } from '../../../services/cycle/working-days';
import { demoCalendar, quarterEnding } from '../../../services/plan/demo-calendar';

// The demo is loaded on whatever day someone first runs `npm start`: on every day of two years
// (London time, across both clock changes), its past must be past — even loaded at 00:05 — its open
// cycle and workshop still to come — even at 23:55 — and each thing in the order a council would
// do it. The dates depend on the day only, so one calendar per day serves both times.
test('the demo looks right whatever day and time it is loaded', () => {
  const failures: string[] = [];
  const before = (a: Date, b: Date) => a.getTime() < b.getTime();
  const first = DateTime.fromISO('2026-01-01T00:05', { zone: 'Europe/London' });
  for (let day = first; day.year < 2028; day = day.plus({ days: 1 })) {
    const early = day.toJSDate();
    const late = day.set({ hour: 23, minute: 55 }).toJSDate();
    const c = demoCalendar(early);
    const check = (ok: boolean, what: string) => {
      if (!ok && failures.length < 20) failures.push(`${c.today}: ${what}`);
    };
    const [older, previous, open] = [c.cycle(-2), c.cycle(-1), c.cycle(0)];
    check(open.opensOn < c.today && open.dueOn > c.today, 'open cycle opened in the past, due in the future');
    check(open.quarter.to < open.opensOn, 'open cycle reports a quarter that has ended');
    check(open.closedAt === undefined, 'open cycle is not closed');
    const later = reminderSchedule({ opensOn: open.opensOn, dueOn: open.dueOn }).slice(1);
    check(later.length === 3 && later.every((s) => before(late, s.at)), 'reminders, escalation to come');
    for (const [cycle, next] of [
      [older, previous],
      [previous, open],
    ] as const) {
      check(!!cycle.closedAt && before(cycle.closedAt, next.openedAt), 'closed before the next opened');
      check(cycle.quarter.to < cycle.opensOn && cycle.opensOn < cycle.dueOn, 'opens after its quarter');
      check(cycle.quarter.to < next.quarter.from, 'quarters in order');
    }
    const { consultation: k, workshop: w } = c;
    check(before(k.closesAt, early) && before(k.sentAt, k.closesAt), 'consultation closed in the past');
    check(w.on > c.today && before(w.announcedAt, early), 'workshop announced, still to come');
    // Submissions, answers and replies spread over 12 working days at most.
    for (let i = 0; i < 12; i++) {
      for (const cycle of [older, previous, open]) {
        const at = cycle.submittedAt(i);
        check(before(cycle.openedAt, at) && before(at, early), 'submitted after opening, before now');
        check(cycle.quarter.to <= londonDate(at) && londonDate(at) <= cycle.dueOn, 'submitted in time');
      }
      check(before(k.sentAt, k.answeredAt(i)) && before(k.answeredAt(i), k.closesAt), 'answered while open');
      check(before(w.announcedAt, w.repliedAt(i)) && before(w.repliedAt(i), early), 'replied before now');
    }
  }
  expect(failures).toEqual([]);
});

test('financial quarters are named the council way', () => {
  const q = (iso: string) => quarterEnding(DateTime.fromISO(iso, { zone: 'Europe/London' }));
  expect(q('2026-06-30')).toEqual({ name: 'Q1 2026/27', from: '2026-04-01', to: '2026-06-30' });
  expect(q('2026-09-30').name).toBe('Q2 2026/27');
  expect(q('2026-12-31').name).toBe('Q3 2026/27');
  expect(q('2027-03-31')).toEqual({ name: 'Q4 2026/27', from: '2027-01-01', to: '2027-03-31' });
  expect(q('2099-12-31').name).toBe('Q3 2099/00');
});
