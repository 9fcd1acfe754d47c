import { understand } from '../../../bot/understanding/intent';
import { answer } from '../../../services/answers/answer';
import { isCommand } from '../../../services/answers/intent';
import { readPlanScope } from '../../../services/answers/plans';
import { loadConfig } from '../../../services/config/config';
import { cycleStatus } from '../../../services/cycle/status';
import { CycleTarget } from '../../../models';
import type { ListView, NoticeView, PriorityStatusView, View } from '../../../services/answers/views';
import { loadSnapshot, PlanSnapshot } from '../../../services/plan/snapshot';
import { useTestDatabase } from '../../support/database';
import { importTwoPlans, LEICESTER_PERSON, YORK_ED1_TITLE, YORK_PERSON } from '../../support/two-plans';

useTestDatabase();
let plan: PlanSnapshot;
beforeAll(async () => {
  await importTwoPlans();
  plan = await loadSnapshot();
});

const LEICESTER = 'Leicester City Council Interim Corporate Plan 2003–2006';
const YORK = 'City of York Council Corporate Strategy 2009–2012';

function ask(text: string, personId?: string, defaultPlan?: string, snapshot = plan): View {
  const intent = understand(text, snapshot);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, snapshot, { asker: { personId }, defaultPlan });
}
function asList(view: View): ListView {
  expect(view.kind).toBe('list');
  return view as ListView;
}
const groups = (view: ListView) => [...new Set(view.items.map((i) => i.group))];

test('"themes" from someone no plan lists: both plans, grouped under their names, never interleaved', () => {
  const view = asList(ask('themes'));
  expect(view.items).toHaveLength(18);
  expect(groups(view)).toEqual([LEICESTER, YORK]);
  // Every Leicester aim before every York one.
  expect(view.items.slice(0, 10).every((i) => i.group === LEICESTER)).toBe(true);
  expect(view.items.slice(10).map((i) => i.title)).toContain('Learning City');
  expect(view.plan).toBeUndefined();
});

test('"themes" from a Leicester person: Leicester\'s aims, named, with York one button away', () => {
  const view = asList(ask('themes', LEICESTER_PERSON.id));
  expect(view.items).toHaveLength(10);
  expect(view.plan).toBe(LEICESTER);
  expect(view.items.every((i) => i.group === undefined)).toBe(true);
  expect(view.also).toEqual([{ label: 'Aims in York', ask: 'aims in York' }]);
});

test.each([
  ['themes in York', YORK, 8],
  ["York's themes", YORK, 8],
  ['what are the strategic aims in Leicester?', LEICESTER, 10],
  ['aims for the Leicester City Council plan', LEICESTER, 10],
])('"%s" keeps to the plan named, whoever asks', (question, name, count) => {
  for (const person of [undefined, LEICESTER_PERSON.id, YORK_PERSON.id]) {
    const view = asList(ask(question, person));
    expect(view.plan).toBe(name);
    expect(view.items).toHaveLength(count);
  }
});

test('"which plans?" lists both: title, organisation, period, status and counts', () => {
  for (const question of ['which plans?', 'what plans are there', 'list plans']) {
    const view = asList(ask(question));
    expect(view.title).toBe('Plans');
    expect(view.intro).toBe('2 plans side by side: name one to ask about it, as in "aims in Leicester".');
    expect(view.items.map((i) => [i.title, i.detail, i.open?.ask])).toEqual([
      [
        'Interim Corporate Plan 2003–2006',
        expect.stringMatching(
          /^Leicester City Council · Out for consultation · 10 strategic aims, \d+ priorities, \d+ targets$/,
        ),
        'aims in Leicester',
      ],
      [
        'Corporate Strategy 2009–2012',
        expect.stringMatching(/^City of York Council · Draft · 8 themes, \d+ improvements, \d+ targets$/),
        'aims in York',
      ],
    ]);
  }
});

describe('a priority code both plans use (ED.1)', () => {
  const card = (view: View) => {
    expect(view.kind).toBe('priorityStatus');
    return view as PriorityStatusView;
  };

  test("a Leicester person gets Leicester's, a York person York's; each card names its plan", () => {
    const leicester = card(ask('status of ED.1', LEICESTER_PERSON.id));
    expect([leicester.title, leicester.plan, leicester.planName]).toEqual([
      'Raise attainment of all pupils.',
      'leicester-2003',
      LEICESTER,
    ]);
    const york = card(ask('ed1', YORK_PERSON.id));
    expect([york.title, york.plan, york.planName]).toEqual([YORK_ED1_TITLE, 'york-2009', YORK]);
  });

  test('someone no plan lists is asked which, with a button for each', () => {
    const view = ask('status of ED.1');
    expect(view.kind).toBe('notice');
    expect((view as NoticeView).text).toBe(`ED.1 is in 2 plans: ${LEICESTER}; ${YORK}. Which do you mean?`);
    expect((view as NoticeView).suggestions).toEqual([
      'status of ED.1 in Leicester',
      'status of ED.1 in York',
    ]);
  });

  test("DEFAULT_PLAN answers for someone no plan lists; a plan named wins over anyone's own", () => {
    expect(card(ask('status of ED.1', undefined, 'york-2009')).title).toBe(YORK_ED1_TITLE);
    expect(card(ask('status of ED.1', 'nobody@else.gov.uk', 'leicester-2003')).plan).toBe('leicester-2003');
    expect(card(ask('status of ED.1 in York', LEICESTER_PERSON.id)).title).toBe(YORK_ED1_TITLE);
    expect(card(ask('status of ED.1 in Leicester', YORK_PERSON.id)).plan).toBe('leicester-2003');
  });

  test('a code only one plan uses answers from it for anyone', () => {
    expect(card(ask('status of EO.1', LEICESTER_PERSON.id)).plan).toBe('york-2009');
    expect(card(ask('CSY.1', YORK_PERSON.id)).plan).toBe('leicester-2003');
  });

  test('a code asked of a plan that lacks it says so, and where it is', () => {
    const view = ask('status of CSY.1 in York');
    expect(view).toEqual({
      kind: 'notice',
      text: `CSY.1 is not in the ${YORK}.`,
      suggestions: ['status of CSY.1 in Leicester'],
    });
  });
});

test('"what\'s off track?" spans both plans grouped, or keeps to the asker\'s own', () => {
  const both = asList(ask("what's off track?"));
  expect(both.items.map((i) => [i.group, i.rag, i.code])).toEqual([
    [LEICESTER, 'red', 'ED.1'],
    [YORK, 'amber', 'ED.1'],
  ]);
  expect(both.intro).toMatch(/^2 targets in 2 priorities/);
  // ED.1 alone would be ambiguous: each line's button asks of its own plan.
  expect(both.items.map((i) => i.open?.ask)).toEqual([
    'status of ED.1 in Leicester',
    'status of ED.1 in York',
  ]);
  const mine = asList(ask("what's off track?", YORK_PERSON.id));
  expect(mine.items.map((i) => i.rag)).toEqual(['amber']);
  expect(mine.plan).toBe(YORK);
  expect(mine.intro).toMatch(/^1 target in 1 priority/);
  expect(mine.also).toEqual([
    { label: "What's off track in Leicester", ask: "what's off track in Leicester" },
  ]);
});

test('values: only Leicester lists any, so every list of them names Leicester', () => {
  expect(asList(ask('values')).plan).toBe(LEICESTER);
  expect(ask('values in York')).toMatchObject({
    kind: 'notice',
    text: `"Our values" has nothing from the ${YORK}.`,
  });
});

test('help offers "which plans?" first when several plans are loaded', () => {
  const view = ask('help');
  expect(view.kind === 'help' && view.examples[0]).toBe('which plans?');
});

test('with one plan loaded nothing changes but that lists name the plan', () => {
  const only = (id: string) => {
    const priorities = plan.priorities.filter((p) => p.plan === id);
    return new PlanSnapshot(
      plan.plans.filter((p) => p._id === id),
      plan.aims.filter((a) => a.plan === id),
      priorities,
      priorities.flatMap((p) => p.targets),
    );
  };
  const leicester = only('leicester-2003');
  const view = asList(ask('themes', undefined, undefined, leicester));
  expect([view.plan, view.items.length, view.also, groups(view)]).toEqual([
    LEICESTER,
    10,
    undefined,
    [undefined],
  ]);
  const card = ask('status of ED.1', undefined, undefined, leicester) as PriorityStatusView;
  expect([card.title, card.planName]).toEqual(['Raise attainment of all pupils.', undefined]);
  const help = ask('help', undefined, undefined, leicester);
  expect(help.kind === 'help' && help.examples[0]).toBe('status of ED.1');
});

test.each([
  ['themes in York', 'themes', 'york-2009'],
  ["what's off track in york?", "what's off track", 'york-2009'],
  ['status of ED.1 for the Leicester plan', 'status of ED.1', 'leicester-2003'],
  ["York's themes", 'themes', 'york-2009'],
  ['Leicester City Council: values', 'values', 'leicester-2003'],
  // Not a plan named: no preposition, a word inside another, or nothing left to ask.
  ['anything about york', 'anything about york', undefined],
  ['in york', 'in york', undefined],
  ['pupils in yorkshire', 'pupils in yorkshire', undefined],
])('readPlanScope("%s")', (question, rest, id) => {
  expect(readPlanScope(question, plan.plans)).toEqual(id ? { question: rest, plan: id } : { question });
});

test('DEFAULT_PLAN is a plan id, or the bot refuses to start and says why', () => {
  expect(loadConfig({ DEFAULT_PLAN: 'york-2009' }).DEFAULT_PLAN).toBe('york-2009');
  expect(() => loadConfig({ DEFAULT_PLAN: 'City of York' })).toThrow(
    'DEFAULT_PLAN must be a plan id (lower-case letters, digits, hyphens), such as leicester-2003 (got "City of York")',
  );
});

test("cycle status over targets of two plans names each aim's plan", async () => {
  const target = (planId: string) =>
    plan.priorities.find((p) => p.plan === planId && p.code === 'ED.1')?.targets[0]?._id;
  const rows = ['leicester-2003', 'york-2009'].map((id) => ({
    _id: `both|${target(id)}`,
    cycle: 'both',
    target: target(id) as string,
  }));
  await CycleTarget.insertMany(rows);
  const cycle = { _id: 'both', name: 'Q4', dueOn: '2099-01-01', status: 'open' } as Parameters<
    typeof cycleStatus
  >[0];
  const view = await cycleStatus(cycle, plan, new Date('2026-12-01T12:00:00Z'));
  expect(view.byAim.map((r) => r.name).sort()).toEqual(['Education (Leicester)', 'Learning City (York)']);
});
