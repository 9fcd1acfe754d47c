import fc from 'fast-check';
import { DateTime } from 'luxon';
import { forecast, yearEarlier } from '../../../services/measure/trend';

// yearEarlier and forecast read "yyyy-mm-dd" dates without luxon (a status card's main cost); they
// must pick and compute exactly as the luxon reckoning did.
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const SLACK: Record<string, number> = { monthly: 15, quarterly: 45, annual: 45 };

function luxonYearEarlier(latest: { asOf: string }, recent: { asOf: string }[], frequency?: string) {
  const wanted = day(latest.asOf).minus({ years: 1 });
  const slack = SLACK[frequency ?? ''] ?? 45;
  let best: { f: { asOf: string }; gap: number } | undefined;
  for (const f of recent) {
    const gap = Math.abs(day(f.asOf).diff(wanted, 'days').days);
    if (gap <= slack && (!best || gap < best.gap)) best = { f, gap };
  }
  return best?.f;
}

const isoDay = fc
  .date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

test('the figure a year earlier is the one the luxon reckoning picks', () => {
  fc.assert(
    fc.property(
      isoDay,
      fc.array(isoDay, { maxLength: 30 }),
      fc.constantFrom(undefined, 'monthly', 'quarterly', 'annual'),
      (latest, dates, frequency) => {
        const recent = dates.map((asOf) => ({ asOf, value: 1 }));
        expect(yearEarlier({ asOf: latest, value: 1 }, recent, frequency)).toBe(
          luxonYearEarlier({ asOf: latest }, recent, frequency),
        );
      },
    ),
  );
});

test('29 February: the same period a year earlier is 28 February, as luxon counts it', () => {
  const previous = { asOf: '2023-02-28', value: 5 };
  expect(yearEarlier({ asOf: '2024-02-29', value: 6 }, [previous], 'monthly')).toBe(previous);
});

test('a date that is no day (30 February) matches nothing, as before', () => {
  expect(yearEarlier({ asOf: '2026-03-02', value: 6 }, [{ asOf: '2025-02-30', value: 5 }], 'monthly')).toBe(
    undefined,
  );
});

test("the year-end forecast is the straight line through this year's figures", () => {
  const figures = [
    { asOf: '2026-06-30', value: 20 },
    { asOf: '2026-09-30', value: 30 },
  ];
  const ahead = forecast(figures[1], figures[0], figures);
  expect(ahead?.by).toBe('2027-03-31');
  expect(ahead?.from).toBe(2);
  // 10 a quarter (92 days), carried 182 days on from 30 Sept.
  expect(ahead?.value).toBeCloseTo(30 + (10 * 182) / 92, 6);
});
