import { reminderSchedule } from '../../../services/cycle/schedule';
import { londonDaysBefore } from '../../../services/scheduling/london-time';

// In 2027 the clocks go forward on Sunday 28 March and back on Sunday 31 October (01:00 UTC).
const before = (iso: string, days: number) => londonDaysBefore(new Date(iso), days).toISOString();

test('days before an event after the spring change keep its London wall time', () => {
  // 10:00 BST on Thu 1 April 2027 is 09:00 UTC.
  expect(before('2027-04-01T09:00:00Z', 7)).toBe('2027-03-25T10:00:00.000Z'); // 10:00 GMT, not 09:00
  expect(before('2027-04-01T09:00:00Z', 1)).toBe('2027-03-31T09:00:00.000Z'); // 10:00 BST
  expect(before('2027-03-29T09:00:00Z', 1)).toBe('2027-03-28T09:00:00.000Z'); // the change day, after it
});

test('days before an event after the autumn change keep its London wall time', () => {
  // 10:00 GMT on Tue 2 November 2027 is 10:00 UTC.
  expect(before('2027-11-02T10:00:00Z', 7)).toBe('2027-10-26T09:00:00.000Z'); // 10:00 BST, not 11:00
  expect(before('2027-11-02T10:00:00Z', 1)).toBe('2027-11-01T10:00:00.000Z'); // 10:00 GMT
  expect(before('2027-11-01T10:00:00Z', 1)).toBe('2027-10-31T10:00:00.000Z'); // the change day, after it
});

test('within one season nothing moves, and 0 days is the event itself', () => {
  expect(before('2027-01-15T17:00:00Z', 2)).toBe('2027-01-13T17:00:00.000Z');
  expect(before('2027-07-15T16:00:00Z', 7)).toBe('2027-07-08T16:00:00.000Z');
  expect(before('2027-04-01T09:00:00Z', 0)).toBe('2027-04-01T09:00:00.000Z');
});

test('a wall time the change skips moves an hour later; one it repeats is taken in GMT', () => {
  // 01:30 BST on Sun 4 April, 7 days back: 01:30 on 28 March does not exist, so 02:30 BST.
  expect(before('2027-04-04T00:30:00Z', 7)).toBe('2027-03-28T01:30:00.000Z');
  // 01:30 GMT on Sun 7 November, 7 days back: 01:30 on 31 October happens twice; the second (GMT).
  expect(before('2027-11-07T01:30:00Z', 7)).toBe('2027-10-31T01:30:00.000Z');
});

test('nonsense is refused with the reason', () => {
  expect(() => londonDaysBefore(new Date('2027-04-01T09:00:00Z'), 1.5)).toThrow('whole number');
  expect(() => londonDaysBefore(new Date('2027-04-01T09:00:00Z'), -1)).toThrow('0 or more');
  expect(() => londonDaysBefore(new Date('not a date'), 1)).toThrow('invalid instant');
});

test('cycle sends stay at 09:00 London across the autumn change too', () => {
  // Spring is in test/services/cycle/schedule.test.ts; here the October Sunday (31st).
  const sends = reminderSchedule({ opensOn: '2027-10-18', dueOn: '2027-11-02' });
  expect(sends.map(({ key, at }) => [key, at.toISOString()])).toEqual([
    ['request', '2027-10-18T08:00:00.000Z'], // BST
    ['reminder-5', '2027-10-26T08:00:00.000Z'], // BST
    ['reminder-1', '2027-11-01T09:00:00.000Z'], // GMT
    ['escalation', '2027-11-03T09:00:00.000Z'],
  ]);
});
