import { periodEnd, suggestRag, type RagInput } from '../../../services/target-update/rag';

const interim2004 = { value: 40, label: '2004' };
const final2006 = { value: 50, label: '2006' };
const up = (value: number, more: Partial<RagInput> = {}) =>
  suggestRag({ value, asOf: '2004-03-01', direction: 'up', interim: interim2004, final: final2006, ...more });
const down = (value: number, more: Partial<RagInput> = {}) =>
  suggestRag({
    value,
    asOf: '2004-03-01',
    direction: 'down',
    interim: interim2004,
    final: final2006,
    ...more,
  });

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

  test('says why in a sentence, naming the figure it compared with', () => {
    expect(up(41)).toEqual({
      rag: 'green',
      against: { label: 'Interim 2004', value: 40 },
      why: '41 is at or better than the interim target of 40 (2004)',
    });
    expect(up(39).why).toBe('39 is within 5% of the interim target of 40 (2004)');
    expect(up(30).why).toBe('30 is more than 5% worse than the interim target of 40 (2004)');
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

  test('reads the same way round', () => {
    expect(down(39).why).toBe('39 is at or better than the interim target of 40 (2004)');
    expect(down(50).why).toBe('50 is more than 5% worse than the interim target of 40 (2004)');
  });
});

describe('tolerance', () => {
  test('is a share of the target', () => {
    expect(up(36, { tolerance: 0.1 }).rag).toBe('amber');
    expect(up(36, { tolerance: 0.1 }).why).toContain('within 10% of');
    expect(up(39.99, { tolerance: 0 }).rag).toBe('red');
  });

  test('is measured from the size of a negative target', () => {
    // e.g. a budget variance of -200: 5% is 10 either side.
    expect(up(-210, { interim: { value: -200, label: '2004' } }).rag).toBe('amber');
    expect(up(-211, { interim: { value: -200, label: '2004' } }).rag).toBe('red');
    expect(down(-190, { interim: { value: -200, label: '2004' } }).rag).toBe('amber');
  });

  test('is an absolute band when the target is 0', () => {
    const zero = { interim: { value: 0, label: '2004' } };
    expect(down(0, zero).rag).toBe('green');
    expect(down(0.05, zero).rag).toBe('amber');
    expect(down(0.05, zero).why).toBe('0.05 is within 0.05 of the interim target of 0 (2004)');
    expect(down(0.06, zero).rag).toBe('red');
    expect(up(-0.05, zero).rag).toBe('amber');
    expect(up(-1, { ...zero, tolerance: 2 }).rag).toBe('amber');
  });

  test('keeps the edge where people expect it despite binary fractions', () => {
    // 0.7 × 0.05 is 0.035000000000000003 in floating point; 0.665 is still within 5% of 0.7.
    expect(up(0.665, { interim: { value: 0.7, label: '2004' } }).rag).toBe('amber');
    expect(down(0.735, { interim: { value: 0.7, label: '2004' } }).rag).toBe('amber');
  });

  test('refuses a negative or missing-number tolerance', () => {
    expect(() => up(40, { tolerance: -0.05 })).toThrow('The RAG tolerance must be 0 or more');
    expect(() => up(40, { tolerance: Number.NaN })).toThrow('tolerance');
  });
});

describe('which target applies', () => {
  test('the interim target up to the end of its financial year, the final target after it', () => {
    expect(up(45, { asOf: '2004-03-31' }).against).toEqual({ label: 'Interim 2004', value: 40 });
    expect(up(45, { asOf: '2004-04-01' })).toEqual({
      rag: 'red',
      against: { label: 'Target 2006', value: 50 },
      why: '45 is more than 5% worse than the final target of 50 (2006)',
    });
    expect(up(48, { asOf: '2004-04-01' }).why).toBe('48 is within 5% of the final target of 50 (2006)');
  });

  test('a financial-year label ends on 31 March of its second year', () => {
    const interim = { value: 40, label: '2004/05' };
    expect(up(40, { asOf: '2005-03-31', interim }).against?.label).toBe('Interim 2004/05');
    expect(up(40, { asOf: '2005-04-01', interim }).against?.label).toBe('Target 2006');
    expect(up(40, { asOf: '2005-03-31', interim: { value: 40, label: '04/05' } }).against?.value).toBe(40);
  });

  test('an interim label with no date in it keeps the interim target in force', () => {
    expect(up(40, { asOf: '2030-01-01', interim: { value: 40, label: 'Interim' } })).toEqual({
      rag: 'green',
      against: { label: 'Interim', value: 40 },
      why: '40 is at or better than the interim target of 40',
    });
    expect(up(40, { asOf: '2030-01-01', interim: { value: 40 } }).why).toBe(
      '40 is at or better than the interim target of 40',
    );
  });

  test('without an interim figure the final target applies at once', () => {
    expect(up(50, { interim: undefined }).against).toEqual({ label: 'Target 2006', value: 50 });
    expect(up(50, { interim: null }).against?.value).toBe(50);
  });

  test('falls back to the other figure when the one in force has none, and says so', () => {
    expect(up(50, { interim: { label: '2004', value: null } })).toEqual({
      rag: 'green',
      against: { label: 'Target 2006', value: 50 },
      why: '50 is at or better than the final target of 50 (2006) — the interim target has no figure yet',
    });
    expect(up(41, { asOf: '2005-06-30', final: { label: '2006' } }).why).toBe(
      '41 is at or better than the interim target of 40 (2004) — the final target has no figure yet',
    );
  });
});

describe('no suggestion', () => {
  test('when neither target has a figure ("XX%" in the plan)', () => {
    expect(up(41, { interim: { label: '2004' }, final: { label: '2006' } })).toEqual({
      why: 'This target has no numeric target to compare with',
    });
    expect(suggestRag({ value: 41, asOf: '2004-03-01', direction: 'up' }).rag).toBeUndefined();
  });

  test('when the target does not say which way is better', () => {
    const suggestion = up(41, { direction: undefined });
    expect(suggestion.rag).toBeUndefined();
    expect(suggestion.against).toEqual({ label: 'Interim 2004', value: 40 });
    expect(suggestion.why).toBe(
      'This target does not say whether higher or lower is better, so the interim target of 40 (2004) gives no RAG',
    );
    expect(up(41, { direction: null }).rag).toBeUndefined();
  });

  test('a baseline alone is no target', () => {
    expect(suggestRag({ value: 41, asOf: '2004-03-01', direction: 'up', baseline: { value: 30 } }).why).toBe(
      'This target has no numeric target to compare with',
    );
  });
});

test('refuses a value or as-of date that is not one', () => {
  expect(() => up(Number.NaN)).toThrow('A reported value must be a number');
  expect(() => up(40, { asOf: '2004-02-30' })).toThrow('The as-of date "2004-02-30" is not a real date');
});

test('a label that already names the stage is used as it stands', () => {
  expect(up(40, { interim: { value: 40, label: 'Interim 2004' } }).against?.label).toBe('Interim 2004');
});

test('large figures are shown the UK way', () => {
  expect(up(4963320, { interim: { value: 5000000, label: 'March 2005' } }).why).toBe(
    '4,963,320 is within 5% of the interim target of 5,000,000 (March 2005)',
  );
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
