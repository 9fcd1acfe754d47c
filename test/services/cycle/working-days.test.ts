import {
  addWorkingDays,
  calendarDay,
  englandAndWalesBankHolidays,
  isWorkingDay,
  londonDate,
  londonInstant,
  nextWorkingDay,
  ukDate,
  workingDaysBefore,
} from '../../../services/cycle/working-days';
import { ukDate as answersUkDate } from '../../../services/answers/format';

describe('isWorkingDay', () => {
  test.each([
    ['2026-12-24', true, 'Christmas Eve is an ordinary working day'],
    ['2026-12-25', false, 'Christmas Day (Friday)'],
    ['2026-12-26', false, 'Boxing Day (Saturday)'],
    ['2026-12-27', false, 'a Sunday'],
    ['2026-12-28', false, 'the Boxing Day substitute (Monday)'],
    ['2026-12-29', true, 'the first working day after Christmas'],
    ['2027-01-01', false, "New Year's Day"],
    ['2027-03-25', true, 'Maundy Thursday'],
    ['2027-03-26', false, 'Good Friday 2027'],
    ['2027-03-29', false, 'Easter Monday 2027'],
    ['2027-03-30', true, 'the Tuesday after Easter'],
    ['2027-05-03', false, 'Early May bank holiday'],
    ['2027-12-27', false, 'Christmas Day 2027 substitute'],
    ['2027-12-28', false, 'Boxing Day 2027 substitute'],
    ['2026-11-23', true, 'a plain Monday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  test('only public bank holidays count, not observances such as Christmas Eve or Mothering Sunday', () => {
    expect([...englandAndWalesBankHolidays(2026)]).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  test('each year is worked out once', () => {
    expect(englandAndWalesBankHolidays(2031)).toBe(englandAndWalesBankHolidays(2031));
  });

  test('a calendar can be injected, e.g. a council closure day', () => {
    const closures = () => new Set(['2026-11-24']);
    expect(isWorkingDay('2026-11-24', closures)).toBe(false);
    expect(isWorkingDay('2026-12-25', closures)).toBe(true);
    expect(nextWorkingDay('2026-11-23', closures)).toBe('2026-11-25');
  });

  test.each(['2026-02-30', '2026-13-01', '26-01-01', '1 Jan 2026', ''])('refuses "%s"', (date) => {
    expect(() => isWorkingDay(date)).toThrow(/not a real date; write it as yyyy-mm-dd/);
  });
});

describe('addWorkingDays', () => {
  test('skips Christmas, Boxing Day, the weekend and the substitute day', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 3)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-24', 4)).toBe('2027-01-04'); // New Year's Day is a Friday
  });

  test('goes back across Christmas with a negative n', () => {
    expect(addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(workingDaysBefore('2026-12-29', 2)).toBe('2026-12-23');
  });

  test('goes back across a weekend', () => {
    expect(addWorkingDays('2026-11-23', -1)).toBe('2026-11-20'); // Monday → Friday
    expect(addWorkingDays('2026-11-24', -2)).toBe('2026-11-20');
    expect(workingDaysBefore('2026-11-30', 5)).toBe('2026-11-23');
  });

  test('skips Easter 2027', () => {
    expect(nextWorkingDay('2027-03-25')).toBe('2027-03-30');
    expect(workingDaysBefore('2027-03-30', 1)).toBe('2027-03-25');
    expect(addWorkingDays('2027-03-22', 5)).toBe('2027-03-31');
  });

  test('does not count the starting day, even when it is a holiday or a weekend', () => {
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Saturday → Monday
    expect(addWorkingDays('2026-11-22', -1)).toBe('2026-11-20'); // Sunday → Friday
    expect(addWorkingDays('2026-12-25', 1)).toBe('2026-12-29');
  });

  test('n = 0 gives the date back', () => {
    expect(addWorkingDays('2026-12-26', 0)).toBe('2026-12-26');
  });

  test('crosses a year end and counts a long stretch', () => {
    // 2027: 261 weekdays less 8 weekday bank holidays (Christmas and Boxing Day fall at a weekend).
    expect(addWorkingDays('2026-12-31', 253)).toBe('2027-12-31');
    expect(addWorkingDays('2027-12-31', -253)).toBe('2026-12-31');
  });

  test('refuses fractions and bad dates', () => {
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow('whole number');
    expect(() => addWorkingDays('2026-11-31', 1)).toThrow('"2026-11-31" is not a real date');
  });
});

describe('London time', () => {
  test('09:00 in summer is 08:00 UTC (BST)', () => {
    expect(londonInstant('2027-06-15').toISOString()).toBe('2027-06-15T08:00:00.000Z');
  });

  test('09:00 in winter is 09:00 UTC (GMT)', () => {
    expect(londonInstant('2027-01-15').toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(londonInstant('2027-01-15', '17:30').toISOString()).toBe('2027-01-15T17:30:00.000Z');
  });

  test('the clocks change on the last Sundays of March and October', () => {
    expect(londonInstant('2027-03-28', '00:30').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(londonInstant('2027-03-28', '03:00').toISOString()).toBe('2027-03-28T02:00:00.000Z');
    expect(londonInstant('2027-10-31', '03:00').toISOString()).toBe('2027-10-31T03:00:00.000Z');
  });

  test('takes h:mm or hh:mm and refuses anything else', () => {
    expect(() => londonInstant('2027-01-15', '9am')).toThrow('"9am" is not a clock time');
    expect(() => londonInstant('2027-01-15', '24:00')).toThrow('not a clock time');
    expect(londonInstant('2027-01-15', '9:05').toISOString()).toBe('2027-01-15T09:05:00.000Z');
  });

  test('londonDate gives the London day of an instant', () => {
    expect(londonDate(new Date('2027-06-15T23:30:00Z'))).toBe('2027-06-16'); // 00:30 BST
    expect(londonDate(new Date('2027-01-15T23:30:00Z'))).toBe('2027-01-15'); // 23:30 GMT
    expect(londonDate(londonInstant('2027-03-26'))).toBe('2027-03-26');
    expect(() => londonDate(new Date('nonsense'))).toThrow('invalid instant');
  });

  test('calendarDay names what it refused', () => {
    expect(() => calendarDay('2027-02-29', 'Due date')).toThrow('Due date "2027-02-29" is not a real date');
    expect(calendarDay('2028-02-29').toISODate()).toBe('2028-02-29');
  });
});

describe('ukDate', () => {
  test('is the answers formatter, reused', () => {
    expect(ukDate).toBe(answersUkDate);
  });

  test('shows a yyyy-mm-dd date as UK staff read it, whatever the season', () => {
    expect(ukDate('2027-01-15')).toBe('15 Jan 2027');
    expect(ukDate('2027-06-01')).toBe('1 Jun 2027');
    expect(ukDate('2026-12-28')).toBe('28 Dec 2026');
  });
});
