import { understand, type Intent } from '../../../bot/understanding/intent';
import type { PlanSnapshot } from '../../../services/plan/snapshot';
import { useSmallPlan } from '../../support/small-plan';

const smallPlan = useSmallPlan();
let plan: PlanSnapshot;
beforeAll(() => (plan = smallPlan()));

test.each<[string, Intent]>([
  ['help', { kind: 'help' }],
  ['', { kind: 'help' }],
  ['<at>Golden Thread</at> status of CS.1', { kind: 'status', code: 'CS.1' }],
  ['status of cs1', { kind: 'status', code: 'CS.1' }],
  ['CS 1', { kind: 'status', code: 'CS.1' }],
  ['how is cs-1 doing?', { kind: 'status', code: 'CS.1' }],
  ['Le. 2', { kind: 'status', code: 'Le.2' }],
  ['what are the strategic aims?', { kind: 'aims' }],
  ['our values', { kind: 'values' }],
  ['my targets', { kind: 'myTargets' }],
  ['update CS.1', { kind: 'update', code: 'CS.1' }],
  ['report on cs1', { kind: 'update', code: 'CS.1' }],
  ['Update CS.1/1', { kind: 'update', code: 'CS.1/1' }],
  ['submit an update for CS 1', { kind: 'update', code: 'CS.1' }],
  ['update CS.9', { kind: 'update', code: 'cs.9' }],
  ['update on recycling', { kind: 'search', query: 'update recycling' }],
  ['cycle status Q3 2026/27', { kind: 'cycleStatus', cycle: 'q3 2026/27' }],
  ['remind outstanding', { kind: 'remindOutstanding', cycle: undefined }],
  ['close cycle Q3 2026/27', { kind: 'closeCycle', cycle: 'q3 2026/27' }],
  ['Close the monitoring cycle', { kind: 'closeCycle', cycle: undefined }],
  ["what's off track?", { kind: 'offTrack', rags: ['red', 'amber'] }],
  ['anything red', { kind: 'offTrack', rags: ['red'] }],
  ['show BV 82a', { kind: 'pi', code: 'BV 82a' }],
  ['bv44', { kind: 'pi', code: 'BV 44' }],
  ['show the clean streets priorities', { kind: 'aim', aimId: 'test-borough:clean-streets' }],
  ['litter', { kind: 'aim', aimId: 'test-borough:clean-streets' }],
  ['anything about recycling?', { kind: 'search', query: 'recycling' }],
  ['level 2 reading', { kind: 'search', query: 'level 2 reading' }],
  ['مرحبا 👋', { kind: 'search', query: 'مرحبا' }],
  ['x'.repeat(10_000), { kind: 'tooLong', length: 10_000 }],
])('%s', (text, intent) => {
  expect(understand(text, plan)).toEqual(intent);
});
