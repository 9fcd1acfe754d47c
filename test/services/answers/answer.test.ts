import { understand } from '../../../bot/understanding/intent';
import { isCommand } from '../../../services/answers/intent';
import { answer } from '../../../services/answers/answer';
import type { PlanSnapshot } from '../../../services/plan/snapshot';
import { useSmallPlan } from '../../support/small-plan';

const smallPlan = useSmallPlan();
let plan: PlanSnapshot;
beforeAll(() => (plan = smallPlan()));
const ask = (text: string) => {
  const intent = understand(text, plan);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, plan);
};

test('a priority status carries every figure, the latest value with RAG, trend and UK date', () => {
  expect(ask('status of cs1')).toEqual({
    kind: 'priorityStatus',
    code: 'CS.1',
    title: 'Recycle more household waste.',
    aim: 'Clean streets',
    plan: 'test-borough',
    targets: [
      {
        id: 'CS.1/1',
        text: 'To increase the % of household waste recycled to 45% by 2028 (BV82a).',
        piCodes: ['BV82a'],
        figures: [
          { label: 'Baseline 2025/26', text: '38.2%' },
          { label: 'Interim 2027', text: 'XX%' },
          { label: 'Target 2028', text: '45%' },
        ],
        // The figure and date; the RAG is beside it, as a word and a shape (cards/display.ts).
        latest: { text: '41% as of 30 Sept 2026', rag: 'green', asOf: '30 Sept 2026', trend: 'up' },
        // The owner's name from the plan's people, not their email address.
        owner: 'Ann Owner',
        lastUpdated: '4 Oct 2026',
        // Measured against the profile on its as-of date: a straight line from the 2025/26 baseline
        // (38.2% on 31 Mar 2026) to the 2028 target (45% on 31 Mar 2028), the interim being unset.
        reason: 'Green: 41% against 39.9% expected by 30 Sept 2026; at or better than expected',
        trend: 'Trend: better than the last update (39.1% on 30 Jun 2026)',
        forecast:
          'Year-end forecast, 31 Mar 2027: 44.8% (● Green) — a straight line through the last two figures, not a target.',
      },
    ],
  });
});

test.each([
  ['status of CS.9', "I couldn't find CS.9 in the plan — did you mean CS.1?"],
  ["what's off track?", 'No target is reported Red or Amber at the moment.'],
  ['anything about zebra crossings', 'I couldn\'t find anything about "zebra crossings" in the plan.'],
  ['BV 999', 'No target in the plan is measured by BV 999.'],
])('%s → a clear notice', (question, text) => {
  const view = ask(question);
  expect(view.kind).toBe('notice');
  expect(view.kind === 'notice' && view.text).toContain(text);
});

// "my targets" reads the open monitoring cycles too: test/services/target-update/on-demand.test.ts.
test('lists: aims, search hits, a PI code', () => {
  expect(ask('strategic aims')).toMatchObject({
    kind: 'list',
    items: [
      { code: 'CS', title: 'Clean streets' },
      { code: 'LE', title: 'Learning' },
    ],
  });
  // One priority has every word: its card, not a list of one (services/plan/search.ts).
  expect(ask('anything about recycling?')).toMatchObject({ kind: 'priorityStatus', code: 'CS.1' });
  expect(ask('show the clean streets priorities')).toMatchObject({
    kind: 'list',
    items: [{ code: 'CS.1' }, { code: 'no code' }],
  });
  expect(ask('BV 82a')).toMatchObject({ kind: 'priorityStatus', code: 'CS.1' });
});
