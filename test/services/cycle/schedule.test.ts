import { reminderSchedule, type ScheduledSend } from '../../../services/cycle/schedule';

/** The schedule as [key, UTC instant] pairs: easy to read and to compare. */
const plain = (sends: ScheduledSend[]) => sends.map(({ key, at }) => [key, at.toISOString()]);

test('a two-week cycle: request, reminders 5 and 1 working days before, escalation the day after', () => {
  const sends = reminderSchedule({ opensOn: '2026-11-23', dueOn: '2026-12-04' });
  expect(plain(sends)).toEqual([
    ['request', '2026-11-23T09:00:00.000Z'],
    ['reminder-5', '2026-11-27T09:00:00.000Z'],
    ['reminder-1', '2026-12-03T09:00:00.000Z'],
    ['escalation', '2026-12-07T09:00:00.000Z'], // Friday's deadline escalates on Monday
  ]);
  expect(sends.map((send) => send.kind)).toEqual(['request', 'reminder', 'reminder', 'escalation']);
});

test('working days skip Christmas, the Boxing Day substitute and New Year', () => {
  expect(plain(reminderSchedule({ opensOn: '2026-12-14', dueOn: '2027-01-04' }))).toEqual([
    ['request', '2026-12-14T09:00:00.000Z'],
    ['reminder-5', '2026-12-23T09:00:00.000Z'],
    ['reminder-1', '2026-12-31T09:00:00.000Z'],
    ['escalation', '2027-01-05T09:00:00.000Z'],
  ]);
});

test('times stay at 09:00 London across the change to BST and Easter', () => {
  expect(plain(reminderSchedule({ opensOn: '2027-03-22', dueOn: '2027-04-06' }))).toEqual([
    ['request', '2027-03-22T09:00:00.000Z'], // GMT
    ['reminder-5', '2027-03-30T08:00:00.000Z'], // BST, and Easter Monday 29 Mar skipped
    ['reminder-1', '2027-04-05T08:00:00.000Z'],
    ['escalation', '2027-04-07T08:00:00.000Z'],
  ]);
});

test('a reminder that would fall before the opening is left out', () => {
  expect(plain(reminderSchedule({ opensOn: '2026-11-30', dueOn: '2026-12-02' }))).toEqual([
    ['request', '2026-11-30T09:00:00.000Z'],
    ['reminder-1', '2026-12-01T09:00:00.000Z'],
    ['escalation', '2026-12-03T09:00:00.000Z'],
  ]);
});

test('a reminder on the opening day is left out: the request already asks that morning', () => {
  expect(plain(reminderSchedule({ opensOn: '2026-11-30', dueOn: '2026-12-01' }))).toEqual([
    ['request', '2026-11-30T09:00:00.000Z'],
    ['escalation', '2026-12-02T09:00:00.000Z'],
  ]);
});

test('a cycle opening at a weekend still asks that day; reminders land on working days', () => {
  expect(plain(reminderSchedule({ opensOn: '2026-11-21', dueOn: '2026-11-24' }))).toEqual([
    ['request', '2026-11-21T09:00:00.000Z'],
    ['reminder-1', '2026-11-23T09:00:00.000Z'],
    ['escalation', '2026-11-25T09:00:00.000Z'],
  ]);
});

test('custom reminders, escalation and time; repeated reminder days count once; sorted by time', () => {
  const sends = reminderSchedule({
    opensOn: '2026-11-02',
    dueOn: '2026-11-20',
    remindDaysBefore: [1, 3, 10, 3],
    escalateDaysAfter: 2,
    time: '16:30',
  });
  expect(plain(sends)).toEqual([
    ['request', '2026-11-02T16:30:00.000Z'],
    ['reminder-10', '2026-11-06T16:30:00.000Z'],
    ['reminder-3', '2026-11-17T16:30:00.000Z'],
    ['reminder-1', '2026-11-19T16:30:00.000Z'],
    ['escalation', '2026-11-24T16:30:00.000Z'],
  ]);
  expect(new Set(sends.map((send) => send.key)).size).toBe(sends.length);
});

test('no reminders when none are asked for', () => {
  const sends = reminderSchedule({ opensOn: '2026-11-23', dueOn: '2026-12-04', remindDaysBefore: [] });
  expect(sends.map((send) => send.key)).toEqual(['request', 'escalation']);
});

test('an injected calendar moves reminders off council closure days', () => {
  const closures = () => new Set(['2026-12-03']);
  const sends = reminderSchedule({ opensOn: '2026-11-23', dueOn: '2026-12-04', bankHolidays: closures });
  expect(plain(sends)).toContainEqual(['reminder-1', '2026-12-02T09:00:00.000Z']);
});

describe('refuses a schedule that makes no sense', () => {
  test.each([
    [
      { opensOn: '2026-12-04', dueOn: '2026-12-04' },
      'The due date (2026-12-04) must be after the opening date (2026-12-04)',
    ],
    [{ opensOn: '2026-12-04', dueOn: '2026-11-23' }, 'must be after the opening date'],
    [{ opensOn: '2026-11-31', dueOn: '2026-12-04' }, 'Opening date "2026-11-31" is not a real date'],
    [
      { opensOn: '2026-11-23', dueOn: '4/12/2026' },
      'Due date "4/12/2026" is not a real date; write it as yyyy-mm-dd',
    ],
    [
      { opensOn: '2026-11-23', dueOn: '2026-12-04', remindDaysBefore: [0] },
      'A reminder must be a whole number',
    ],
    [
      { opensOn: '2026-11-23', dueOn: '2026-12-04', remindDaysBefore: [-1] },
      'A reminder must be a whole number',
    ],
    [{ opensOn: '2026-11-23', dueOn: '2026-12-04', remindDaysBefore: [1.5] }, '(got 1.5)'],
    [
      { opensOn: '2026-11-23', dueOn: '2026-12-04', escalateDaysAfter: 0 },
      'The escalation must be a whole number',
    ],
    [{ opensOn: '2026-11-23', dueOn: '2026-12-04', time: '9.00' }, 'Time "9.00" is not a clock time'],
  ])('%o', (input, message) => {
    expect(() => reminderSchedule(input)).toThrow(message);
  });
});
