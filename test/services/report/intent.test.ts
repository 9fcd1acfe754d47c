import { understand } from '../../../bot/understanding/intent';
import { PlanSnapshot } from '../../../services/plan/snapshot';

// "performance report …" (issue 14, item 3) as typed, read as the report intent with its cycle and
// whether a draft was asked for; "report on ED.1" stays an update.
const plan = new PlanSnapshot([], [], [], []);

test.each([
  ['performance report Q3 2026/27', { cycle: 'q3 2026/27', draft: false }],
  ['Performance report for Q3 2026/27?', { cycle: 'q3 2026/27', draft: false }],
  ['performance report Q3 2026/27 draft', { cycle: 'q3 2026/27', draft: true }],
  ['performance report of cycle Q3 2026/27 (draft)', { cycle: 'q3 2026/27', draft: true }],
  ['draft performance report Q3 2026/27', { cycle: 'q3 2026/27', draft: true }],
  ['performance report', { cycle: undefined, draft: false }],
  ['performance report draft', { cycle: undefined, draft: true }],
  ['the performance report for', { cycle: undefined, draft: false }],
])('"%s"', (text, expected) => {
  expect(understand(text, plan)).toEqual({ kind: 'performanceReport', ...expected });
});

test('only the last "draft" asks for a draft; the rest is the cycle name', () => {
  const text = `performance report ${'draft '.repeat(60)}`;
  expect(understand(text, plan)).toMatchObject({ kind: 'performanceReport', draft: true });
});
