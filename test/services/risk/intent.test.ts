import { understand, type Intent } from '../../../bot/understanding/intent';
import { PlanSnapshot } from '../../../services/plan/snapshot';

// How the risk register's questions are read (issue 15, item 3), and what they must not take over.
const plan = new PlanSnapshot([], [], [], []);

test.each<[string, Intent]>([
  ['top risks', { kind: 'risks' }],
  ['Top 5 risks?', { kind: 'risks' }],
  ['show me the risk register', { kind: 'risks' }],
  ['what are the top risks?', { kind: 'risks' }],
  ['risks', { kind: 'risks' }],
  ['risks for education', { kind: 'risks', about: 'education' }],
  ['show the risks to ED.1', { kind: 'risks', about: 'ed.1' }],
  ['risks threatening the recycling target', { kind: 'risks', about: 'recycling target' }],
  ['risk R12', { kind: 'risk', id: 'R12' }],
  ['Risk r12?', { kind: 'risk', id: 'R12' }],
  ['risk no. 1', { kind: 'risk', id: '1' }],
  // Amber and Red targets, as before: not the register.
  ["what's at risk?", { kind: 'offTrack', rags: ['red', 'amber'] }],
])('%p is read as %p', (text, intent) => {
  expect(understand(text, plan)).toEqual(intent);
});
