import { understand, type Intent } from '../../../bot/understanding/intent';
import type { PlanSnapshot } from '../../../services/plan/snapshot';
import { useSmallPlan } from '../../support/small-plan';

// The line-of-sight questions, however they are typed, and the questions near them left alone.
const smallPlan = useSmallPlan();
let plan: PlanSnapshot;
beforeAll(() => (plan = smallPlan()));

test.each<[string, Intent]>([
  ['what do I contribute to?', { kind: 'lineOfSight' }],
  ['What does my work contribute to', { kind: 'lineOfSight' }],
  ['my line of sight', { kind: 'lineOfSight' }],
  ['show me my line of sight', { kind: 'lineOfSight' }],
  ['how does my work contribute?', { kind: 'lineOfSight' }],
  ['how do I fit in', { kind: 'lineOfSight' }],
  ['who contributes to ED.1?', { kind: 'contributors', code: 'ED.1' }],
  ['what contributes to cs1', { kind: 'contributors', code: 'cs1' }],
  ['which teams contribute to CS.1/1?', { kind: 'contributors', code: 'CS.1/1' }],
  ['who is contributing towards leicester-2003:ED.1', { kind: 'contributors', code: 'leicester-2003:ED.1' }],
  ['line of sight for ED.1', { kind: 'contributors', code: 'ED.1' }],
  ["my team's targets", { kind: 'teamTargets' }],
  ['my team’s targets?', { kind: 'teamTargets' }],
  ['my teams targets', { kind: 'teamTargets' }],
  ['show the targets of my team', { kind: 'teamTargets' }],
  // Neighbours keep their meaning.
  ['my targets', { kind: 'myTargets' }],
  ['who contributes to', { kind: 'search', query: 'who contributes' }],
])('%s', (text, intent) => {
  expect(understand(text, plan)).toEqual(intent);
});
