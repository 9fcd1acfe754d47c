import { understand } from '../../../bot/understanding/intent';
import { Target } from '../../../models';
import { isCommand } from '../../../services/answers/intent';
import { answer } from '../../../services/answers/answer';
import type { ListView, PriorityStatusView, View } from '../../../services/answers/views';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { stem } from '../../../services/plan/stem';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Issue 13, item 7: the Found examples on the demo's plan (Leicester 2003), as a newcomer asks them.
useTestDatabase();
let plan: PlanSnapshot;
beforeAll(async () => {
  await importFixture('plans/leicester-2003.yaml');
  plan = await loadSnapshot();
});
const ask = (text: string, snapshot = plan): View => {
  const intent = understand(text, snapshot);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, snapshot);
};
const asList = (view: View): ListView => {
  if (view.kind !== 'list') throw new Error(`expected a list, got ${JSON.stringify(view).slice(0, 300)}`);
  return view;
};
const asCard = (view: View): PriorityStatusView => {
  if (view.kind !== 'priorityStatus')
    throw new Error(`expected a card, got ${JSON.stringify(view).slice(0, 300)}`);
  return view;
};

test.each([
  // Found: each named the priority by title only and hid the target about exactly this.
  ['nurse-led beds', 'SC.2/1', 'SC2'],
  ['domestic burglary', 'CSY.1/1', 'CSY.1'],
  ['bus trips', 'EN.2/2', 'EN.2'],
])(
  '"%s" finds target %s first, and, the one clear match, answers with %s\'s card',
  (question, target, code) => {
    const words = question.replace(/-/g, ' ');
    expect(plan.searchPlan(words)[0]).toMatchObject({ target: { key: target }, exact: true });
    const card = asCard(ask(question));
    expect(card.code).toBe(code);
    expect(card.targets.map((t) => t.id)).toContain(target);
  },
);

test('"GCSE results" lists ED.1\'s GCSE target first, each target with its figures, latest and RAG', async () => {
  // ED.1/1's latest update as the demo records it (plans/demo/leicester-demo.yaml, Q1 2026/27).
  await Target.updateOne(
    { plan: 'leicester-2003', key: 'ED.1/1' },
    { latest: { update: 'u1', value: 44.8, asOf: '2026-06-30', rag: 'amber', at: new Date('2026-07-10') } },
  );
  const list = asList(ask('GCSE results', await loadSnapshot()));
  expect(list.items.map((i) => i.code)).toEqual(['ED.1', 'ED.2']);
  expect(list.items[0]).toEqual({
    code: 'ED.1',
    title: 'To increase the percentage of students achieving 5 GCSE grades A*-C by to XX% by 2006 (BV 38).',
    detail:
      'Baseline 2001/02: 40.7% → Interim 2004: 46% → Target 2006: XX% · Latest: 44.8% as of 30 Jun 2026',
    rag: 'amber',
    reason:
      'Amber: 44.8% against the 2004 interim target of 46%; within 5%; the 2006 final target is not yet set (XX%)',
    open: { label: 'Open ED.1', ask: 'status of ED.1' },
    planId: 'leicester-2003',
  });
  expect(list.items[1]).toMatchObject({
    code: 'ED.2',
    title: 'To increase the number of Looked After Children achieving 5 GCSE grades A*-C to 11. (QP8).',
    detail: 'Baseline 2001/02: 0 → Interim 2004: 2 → Target: 11',
  });
});

test.each([
  'what does the council value',
  'what does the council value?',
  'what do we value',
  'What does Leicester City Council value most?',
  "council's values",
  'what are our values',
  'values',
])('"%s" → the plan\'s values', (question) => {
  const list = asList(ask(question));
  expect(list.title).toBe('Our values');
  expect(list.items[0]?.title).toBe('Dialogue');
});

test('"value for money" stays a search, not the values', () => {
  expect(understand('value for money', plan)).toMatchObject({ kind: 'search' });
});

test.each([
  // An aim's name alone is its list; with more words it is a search inside the aim.
  ['housing', 'aim'],
  ['show the education priorities', 'aim'],
  ['affordable homes', 'search'],
  ['crime in the city centre', 'search'],
  ['special measures schools', 'search'],
])('"%s" → %s', (question, kind) => {
  expect(understand(question, plan).kind).toBe(kind);
});

test('weak matches are cut, not padded: "buses" is not "business", "car use" is not "care"', () => {
  expect(plan.searchPlan('buses').map((h) => h.target?.key ?? h.priority.key)).toEqual(['EN.2/2']);
  const carUse = plan.searchPlan('car use');
  expect(carUse.map((h) => h.priority.key)).toEqual(['EN.2', 'EN.2']);
  expect(carUse[0]?.target?.key).toBe('EN.2/1');
});

test('a near miss is offered as such, never as the one answer', () => {
  // No target says "exclusions"; "school" finds some: a list that says so, not a card.
  const list = asList(ask('school exclusions'));
  expect(list.intro).toContain('Nothing in the plan has every word of "school exclusions"');
  expect(list.items[0]).toMatchObject({
    code: 'ED.2',
    title: expect.stringContaining('permanently excluded'),
  });
});

test('the Teams picker still gets priorities, best first, a target counting for its priority', () => {
  expect(plan.searchPriorities('GCSE results').map((h) => h.priority.code)).toEqual(['ED.1', 'ED.2']);
  expect(plan.searchPriorities('nurse led beds').map((h) => h.priority.code)).toEqual(['SC2']);
});

test.each([
  ['recycling', 'recycl'],
  ['recycled', 'recycl'],
  ['recycles', 'recycl'],
  ['recycle', 'recycl'],
  ['nurses', 'nurs'],
  ['nurse', 'nurs'],
  ['buses', 'bus'],
  ['bus', 'bus'],
  ['beds', 'bed'],
  ['bed', 'bed'],
  ['led', 'led'],
  ['care', 'care'],
  ['car', 'car'],
  ['needed', 'need'],
  ['need', 'need'],
  ['planned', 'plan'],
  ['business', 'business'],
  ['status', 'status'],
  ['authorities', 'authority'],
  ['gcse', 'gcse'],
])('stem(%s) = %s', (word, stemmed) => {
  expect(stem(word)).toBe(stemmed);
});

// Found by the fuzz test: a word of the question looked up in a plain object found
// Object.prototype's members ("constructor" → a function, "not iterable").
test.each(['constructor', '__proto__', 'valueOf toString', 'hasOwnProperty results'])(
  'a question of object member names (%p) is searched like any other words',
  (text) => {
    expect(() => ask(text)).not.toThrow();
    expect(ask(text).kind).toMatch(/^(list|notice|priorityStatus)$/);
  },
);
