import { assess, type Assessable } from '../../../services/measure/assess';
import { parseChange, parseRange, meaningOf } from '../../../services/measure/meaning';
import { periodEnd } from '../../../services/measure/period';

const interim2004 = { value: 40, label: '2004', text: '40' };
const final2006 = { value: 50, label: '2006', text: '50' };
const target = (more: Partial<Assessable> = {}): Assessable => ({
  direction: 'up',
  interim: interim2004,
  final: final2006,
  ...more,
});
const up = (value: number, more: Partial<Assessable> = {}, asOf = '2004-03-31') =>
  assess(target(more), { value, asOf });
const down = (value: number, more: Partial<Assessable> = {}, asOf = '2004-03-31') =>
  assess(target({ direction: 'down', ...more }), { value, asOf });

describe('higher is better', () => {
  test.each([
    [45, 'green'],
    [40, 'green'], // on the target
    [39.99, 'amber'],
    [38, 'amber'], // exactly 5% short of 40
    [37.99, 'red'],
    [0, 'red'],
  ])('%s against 40 → %s', (value, rag) => {
    expect(up(value).rag).toBe(rag);
  });

  test('says why in one line, naming the figure it compared with', () => {
    expect(up(41).why).toBe('Green: 41 against the 2004 interim target of 40; at or better than expected');
    expect(up(39).why).toBe('Amber: 39 against the 2004 interim target of 40; within 5%');
    expect(up(30).why).toBe('Red: 30 against the 2004 interim target of 40; more than 5% worse');
  });
});

describe('lower is better', () => {
  test.each([
    [35, 'green'],
    [40, 'green'],
    [40.01, 'amber'],
    [42, 'amber'], // exactly 5% over 40
    [42.01, 'red'],
  ])('%s against 40 → %s', (value, rag) => {
    expect(down(value).rag).toBe(rag);
  });
});

describe('tolerance (percent of the expected value)', () => {
  test("the target's own, else the plan's, else 5", () => {
    expect(up(36, { tolerance: 10 }).rag).toBe('amber');
    expect(up(36, { tolerance: 10 }).why).toContain('within 10%');
    expect(assess(target(), { value: 36, asOf: '2004-03-31' }, { tolerance: 10 }).rag).toBe('amber');
    expect(
      assess(target({ tolerance: 0 }), { value: 39.99, asOf: '2004-03-31' }, { tolerance: 10 }).rag,
    ).toBe('red');
  });

  test('is measured from the size of a negative target', () => {
    const minus200 = { interim: { value: -200, label: '2004', text: '-200' } };
    expect(up(-210, minus200).rag).toBe('amber');
    expect(up(-211, minus200).rag).toBe('red');
    expect(down(-190, minus200).rag).toBe('amber');
  });

  test('is a band of that many hundredths when the expected value is 0', () => {
    const zero = { interim: { value: 0, label: '2004', text: '0' } };
    expect(down(0, zero).rag).toBe('green');
    expect(down(0.05, zero).rag).toBe('amber');
    expect(down(0.06, zero).rag).toBe('red');
    expect(down(2, zero).why).toBe('Red: 2 against the 2004 interim target of 0; more than 0.05 worse');
  });

  test('keeps the edge where people expect it despite binary fractions', () => {
    const point7 = { interim: { value: 0.7, label: '2004', text: '0.7' } };
    expect(up(0.665, point7).rag).toBe('amber');
    expect(down(0.735, point7).rag).toBe('amber');
  });

  test('refuses a negative or missing-number tolerance', () => {
    expect(() => up(40, { tolerance: -5 })).toThrow('The RAG tolerance must be 0 or more');
    expect(() => up(40, { tolerance: Number.NaN })).toThrow('tolerance');
  });
});

describe('the profile: what is expected on the as-of date', () => {
  const withBaseline = { baseline: { value: 30, label: '2001/02', text: '30' } };

  test('between the baseline and the interim date, a straight line between them', () => {
    // 31 Mar 2002 → 31 Mar 2004 is 731 days; 31 Mar 2003 is 365 of them: 30 + 10 × 365/731.
    const a = up(35, withBaseline, '2003-03-31');
    expect(a.expected?.value).toBeCloseTo(34.993, 3);
    expect(a.why).toBe('Green: 35 against 35 expected by 31 Mar 2003; at or better than expected');
    expect(up(33.5, withBaseline, '2003-03-31').rag).toBe('amber');
    expect(up(33, withBaseline, '2003-03-31').rag).toBe('red');
  });

  test('between the interim and the final date, a straight line from one to the other', () => {
    expect(up(45, {}, '2005-03-31').expected?.value).toBeCloseTo(45, 1);
    expect(up(45, {}, '2006-03-31').why).toBe(
      'Red: 45 against the 2006 final target of 50; more than 5% worse',
    );
  });

  test('after the final date, the final target', () => {
    expect(up(50, {}, '2026-12-31').why).toBe(
      'Green: 50 against the 2006 final target of 50; at or better than expected',
    );
  });

  test("the plan's own profile points replace the straight line", () => {
    const profile = [{ asOf: '2003-09-30', value: 31 }];
    const a = up(31, { ...withBaseline, profile }, '2003-09-30');
    expect(a.why).toBe('Green: 31 against 31 expected by 30 Sept 2003; at or better than expected');
  });

  test('an interim labelled with no date stands until a dated figure applies', () => {
    const a = up(
      40,
      { interim: { value: 40, label: 'Interim', text: '40' }, final: undefined },
      '2030-01-01',
    );
    expect(a.why).toBe('Green: 40 against the interim target of 40; at or better than expected');
  });

  test('the final target is due at the end of the plan when its label names no date', () => {
    const a = assess(
      target({ interim: undefined, final: { value: 50, text: '50' } }),
      { value: 50, asOf: '2006-03-31' },
      { planEnd: '2006-03-31' },
    );
    expect(a.why).toBe('Green: 50 against the final target of 50; at or better than expected');
  });
});

describe('relative targets: a change against the baseline (seed 001, CSY.1)', () => {
  const crime = {
    direction: 'down',
    unit: 'count',
    baseline: { label: '2001/02', text: '9291 offences', value: 9291 },
    interim: { label: '03/04', text: '3% (03/04)', change: '-3%' },
  };
  test('"reduce by 3%" of 9,291 offences expects 9,012, not 3', () => {
    const a = assess(crime, { value: 8700, asOf: '2004-03-31' });
    expect(a.rag).toBe('green');
    expect(a.why).toBe(
      'Green: 8,700 against the 03/04 interim target of 9,012 (3% below the 2001/02 baseline of 9,291); at or better than expected',
    );
    expect(assess(crime, { value: 9400, asOf: '2004-03-31' }).rag).toBe('amber');
    expect(assess(crime, { value: 9500, asOf: '2004-03-31' }).rag).toBe('red');
  });

  test('a change in points adds to the baseline', () => {
    const a = assess(
      {
        direction: 'up',
        unit: 'percent',
        baseline: { label: '2002', text: '40%', value: 40 },
        final: { label: '2006', text: '+2 points', change: '+2 points' },
      },
      { value: 42, asOf: '2006-03-31' },
    );
    expect(a.why).toBe(
      'Green: 42% against the 2006 final target of 42% (2 points above the 2002 baseline of 40%); at or better than expected',
    );
  });

  test('without a baseline figure, says so', () => {
    expect(
      assess({ direction: 'down', interim: { text: '3%', change: '-3%' } }, { value: 1, asOf: '2004-03-31' })
        .why,
    ).toBe('No RAG: the target is a change against the baseline, and the plan gives no baseline figure.');
  });
});

describe('ranges', () => {
  const band = { direction: null, final: { label: '2006', text: '40-45', range: '40-45' } };
  test.each([
    [42, 'green'],
    [40, 'green'],
    [46, 'amber'],
    [38.5, 'amber'],
    [50, 'red'],
  ])('%s in 40–45 → %s', (value, rag) => {
    expect(assess(band, { value, asOf: '2006-03-31' }).rag).toBe(rag);
  });
});

describe('no RAG, and why', () => {
  test('a placeholder target ("XX%") is not yet set', () => {
    const a = assess(
      { direction: 'up', unit: 'percent', final: { label: '2006', text: 'XX%' } },
      { value: 41, asOf: '2006-03-31' },
    );
    expect(a).toEqual({ why: 'No RAG: the target is not yet set (the plan prints XX%).' });
  });

  test('a target in words, or a baseline alone, gives nothing to compare with', () => {
    expect(
      assess({ direction: 'up', baseline: { value: 30, text: '30' } }, { value: 41, asOf: '2004-03-01' }).why,
    ).toBe('No RAG: the plan gives no target figure to compare with.');
  });

  test('when the target does not say which way is better', () => {
    const a = up(41, { direction: undefined });
    expect(a.rag).toBeUndefined();
    expect(a.why).toBe(
      'No RAG: the plan does not say whether higher or lower is better (41 against the 2004 interim target of 40).',
    );
  });
});

test('refuses a value or as-of date that is not one', () => {
  expect(() => up(Number.NaN)).toThrow('A reported value must be a number');
  expect(() => up(40, {}, '2004-02-30')).toThrow('The as-of date "2004-02-30" is not a real date');
});

test('figures are shown the UK way, with their unit', () => {
  expect(
    up(4963320, { interim: { value: 5000000, label: 'March 2005', text: '5m' }, unit: 'money' }, '2005-03-31')
      .why,
  ).toBe('Amber: £4,963,320 against the March 2005 interim target of £5,000,000; within 5%');
  expect(
    down(
      24.1,
      { unit: 'rate', per: 1000, interim: { value: 23.6, label: '04/05', text: '23.6 (04/05)' } },
      '2005-03-31',
    ).why,
  ).toBe('Amber: 24.1 per 1,000 against the 04/05 interim target of 23.6 per 1,000; within 5%');
});

describe('reading a change or a range', () => {
  test.each([
    ['-3%', { by: -3, as: 'percent' }],
    ['+2 points', { by: 2, as: 'points' }],
    ['- 1.5 pts', { by: -1.5, as: 'points' }],
    ['3%', undefined], // no sign: which way?
    ['-3', undefined], // no unit
  ])('%p → %p', (text, meaning) => {
    expect(parseChange(text)).toEqual(meaning);
  });
  test('ranges run low to high', () => {
    expect(parseRange('40-45')).toEqual({ from: 40, to: 45 });
    expect(parseRange('40 to 45')).toEqual({ from: 40, to: 45 });
    expect(parseRange('45-40')).toBeUndefined();
  });
  test('"XX%" and "XX,000" are placeholders; words are words', () => {
    expect(meaningOf({ text: 'XX%' })).toEqual({ kind: 'notSet' });
    expect(meaningOf({ text: 'XX,000' })).toEqual({ kind: 'notSet' });
    expect(meaningOf({ text: 'Level 3' })).toEqual({ kind: 'words' });
    expect(meaningOf({ text: '0', value: 0 })).toEqual({ kind: 'value', value: 0 });
  });
});

describe('periodEnd', () => {
  test.each([
    ['2004', '2004-03-31'],
    ['2004/05', '2005-03-31'],
    ['04/05', '2005-03-31'],
    ['2005/06', '2006-03-31'],
    ['99/00', '2000-03-31'],
    ['2004-2006', '2006-03-31'],
    ['2003–2006', '2006-03-31'],
    ['March 2005', '2005-03-31'],
    ['April 2004', '2004-04-30'],
    ['Sept 2026', '2026-09-30'],
    ['Interim 2027', '2027-03-31'],
    ['Marketing 2005', '2005-03-31'], // not March
    ['31 December 2026', '2026-12-31'],
    ['Interim', undefined],
    ['31/03/2005', '2005-03-31'], // a day, not a pair of years
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%p → %p', (label, end) => {
    expect(periodEnd(label)).toBe(end);
  });
});
