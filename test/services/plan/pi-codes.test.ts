import { answer } from '../../../services/answers/answer';
import { piKey, piKeys } from '../../../services/plan/pi-codes';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Issue 13: a performance indicator is found in any spelling a person would type, or as the seed
// prints it — spacing, case, a local prefix, several codes in one printed cell.
test.each([
  ['LCEN PSA43', ['LCENPSA43', 'PSA43']],
  ['LCEN PSA 47', ['LCENPSA47', 'PSA47']],
  ['PAF C21', ['PAFC21']],
  ['PSA7', ['PSA7']],
  ['PSA', []],
  ['(PI)', []],
  ['PSA, LCAL22', ['LCAL22']],
  [
    'BVPIs 3,4,6,157,12,34(a&b) 35(a&b), 75',
    ['BV3', 'BV4', 'BV6', 'BV157', 'BV12', 'BV34', 'BV34A', 'BV34B', 'BV35', 'BV35A', 'BV35B', 'BV75'],
  ],
  ['BV 38', ['BV38']],
  ['BVPI 38', ['BV38']],
])('the printed cell %j names %j', (printed, keys) => {
  expect(piKeys(printed)).toEqual(keys);
});

test('a code as asked is keyed by its most specific form', () => {
  expect(piKey('bv 34a')).toBe('BV34A');
  expect(piKey('LCEN PSA 47')).toBe('LCENPSA47');
  expect(piKey('status')).toBeUndefined();
});

describe('asking Leicester for an indicator', () => {
  useTestDatabase();
  let plan: PlanSnapshot;
  beforeAll(async () => {
    await importFixture('plans/leicester-2003.yaml');
    plan = await loadSnapshot();
  });
  test.each([
    ['LCEN PSA43', 'road causalities to 89'],
    ['PSA 43', 'road causalities to 89'],
    ['LCEN PSA 47', 'street inspections'],
    ['lcen psa47', 'street inspections'],
    ['BVPI 157', 'overall satisfaction ratings'],
    ['bv 34b', 'overall satisfaction ratings'],
    ['BV38', '5 GCSE grades'],
  ])('%s finds the target measured by it', (code, text) => {
    const view = answer({ kind: 'pi', code }, plan);
    expect(JSON.stringify(view)).toContain(text);
    expect(JSON.stringify(view)).not.toContain('No target in the plan is measured by');
  });
});
