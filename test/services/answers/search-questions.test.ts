import { understand } from '../../../bot/understanding/intent';
import { isCommand } from '../../../services/answers/intent';
import { answer } from '../../../services/answers/answer';
import type { View } from '../../../services/answers/views';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Free-text questions a council's staff ask, against the Leicester (demo) and York plans side by
// side: what the first thing found is, and whether the answer is one card or a list. Each row
// was tried by hand first; services/plan/search.ts takes its RELATIVE_CUT from these.
useTestDatabase();
let plan: PlanSnapshot;
beforeAll(async () => {
  await importFixture('plans/leicester-2003.yaml');
  await importFixture('plans/york-2009.yaml');
  plan = await loadSnapshot();
});
const ask = (text: string): View => {
  const intent = understand(text, plan);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, plan);
};

/** The first thing a question finds ("SC.2/1" a target, "EN.3" a priority) and how it answers. */
function firstFound(question: string): { first?: string; view: View['kind']; count: number } {
  const intent = understand(question, plan);
  const hits = intent.kind === 'search' ? plan.searchPlan(intent.query) : [];
  const view = ask(question);
  const first = hits[0];
  return {
    first: first?.target?.key ?? first?.priority.key,
    view: view.kind,
    count: view.kind === 'list' ? (view.page?.total ?? view.items.length) : 1,
  };
}

test.each([
  // question, first found, answer, lines (a card is 1)
  ['road casualties', 'EN.2', 'priorityStatus', 1], // the plan prints "road causalities"
  ['staff sickness', 'CI.4/2', 'priorityStatus', 1], // "staff" finds "employees" too
  ['sickness absence', 'CI.4/2', 'list', 1], // nothing says "absence": a near miss
  ['looked after children', 'SC.4', 'list', 2],
  ['child protection', 'SC.2/2', 'priorityStatus', 1],
  ['air pollution', 'EN.1/3', 'list', 2],
  ['green flag parks', 'EN.1/1', 'priorityStatus', 1],
  ['planning applications', 'EN.1/2', 'priorityStatus', 1],
  ['carers', 'SC.3', 'list', 4],
  ['youth services', 'ED.3/1', 'list', 2],
  ['street cleanliness', 'EN.city-centre/1', 'priorityStatus', 1],
  ['litter', 'EN.city-centre', 'priorityStatus', 1],
  ['complaints', 'RS.2/2', 'priorityStatus', 1],
  ['customer satisfaction', 'RS.2/3', 'list', 2],
  ['drug treatment', 'CSY.4', 'priorityStatus', 1],
  ['affordable homes', 'HS.1', 'priorityStatus', 1],
  ['empty homes', 'HS.1', 'priorityStatus', 1],
  ['decent homes', 'HS.2', 'priorityStatus', 1],
  ['crime in the city centre', 'CSY.1/2', 'priorityStatus', 1],
  ['special measures schools', 'ED.1/2', 'priorityStatus', 1],
  ['equality standard', 'D.2/1', 'priorityStatus', 1],
  ['Braunstone leisure centre', 'CS.2/1', 'priorityStatus', 1],
  ['exam results', 'ED.1', 'priorityStatus', 1],
  ['how are we doing on burglary', 'CSY.1/1', 'priorityStatus', 1],
  ['bins', 'EN.3', 'priorityStatus', 1],
  ['recycling figures', 'EN.3', 'priorityStatus', 1],
  ['anything about recycling?', 'EN.3', 'priorityStatus', 1],
  // York's corporate strategy 2009
  ['budget cycle', 'EO.2', 'priorityStatus', 1],
  ['communication strategy', 'EO.3', 'priorityStatus', 1],
  ['local area agreement', 'EO.1', 'priorityStatus', 1],
  ['finance and performance reports', 'EO.3/3', 'priorityStatus', 1],
  ['workshops', 'EO.1/1', 'priorityStatus', 1], // both actions that name workshops are EO.1's
])('"%s" → %s first, as %s (%i)', (question, first, view, count) => {
  expect(firstFound(question)).toEqual({ first, view, count });
});

test('nothing is found for words no plan has', () => {
  const view = ask('zebra crossings');
  expect(view).toMatchObject({ kind: 'notice', text: expect.stringContaining('zebra crossings') });
});
