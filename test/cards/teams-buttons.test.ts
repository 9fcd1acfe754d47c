import { renderTeams } from '../../cards/teams/render';
import { VIEWS, type EveryView } from '../support/hostile-views';

// Issue 12 (7): in a Teams channel only messages that @mention the bot reach it, so a button that
// posts plain text as the person (imBack, or Action.Submit with msteams imBack / messageBack
// without data) does nothing there. Every button of every card must carry its data to the bot
// (Action.Execute with a verb the bot registers in bot/app.ts) or open a link.

/** The Action.Execute verbs bot/app.ts registers for `adaptiveCard/action`. */
const VERBS = [
  'ask',
  'submitUpdate',
  'openUpdate',
  'answerConsultation',
  'rsvpWorkshop',
  'broadcastAction',
  'composeConsultation',
  'signOffApprove',
  'signOffReturn',
  'openCycle',
  'publishWorkshop',
  'editTarget',
  'reviewRisk',
];

const figures = [{ label: 'Baseline 2001/02', text: '40.7%' }];
const row = { name: 'Education', submitted: 1, outstanding: 2, overdue: 1 };

/** One view of every kind, with every button it can have shown. (A new kind fails to compile here.) */
const views: EveryView = {
  priorityStatus: {
    kind: 'priorityStatus',
    code: 'ED.1',
    title: 'Raise attainment of all pupils.',
    aim: 'Education',
    plan: 'leicester-2003',
    targets: [{ id: 'ED.1/1', text: 'GCSE A*-C (BV 38).', piCodes: ['BV 38'], figures }],
  },
  history: {
    kind: 'history',
    code: 'ED.1',
    title: 'Raise attainment of all pupils.',
    targets: [
      {
        id: 'ED.1/1',
        text: 'GCSE A*-C (BV 38).',
        chartUrl: 'https://bot.example/files/history/leicester-2003/ED.1%2F1.png?sig=x',
        updates: [
          {
            figure: '44.8% as of 30 Jun 2026',
            rag: '▲ Amber',
            reason: 'Amber: 44.8% against the 2004 interim target of 46%; within 5%',
            by: 'Alex Wilber · 3 Jul 2026, 10:07 · Teams',
            commentary: 'Six schools on the support programme.',
          },
        ],
        more: 2,
      },
    ],
  },
  list: {
    kind: 'list',
    title: 'Your targets',
    intro: '1 to report',
    items: [
      {
        code: 'ED.1',
        title: 'GCSE A*-C',
        detail: 'to report by 15 Jan 2027',
        update: { cycle: 'leicester-2003:q3', target: 'leicester-2003:ED.1/1' },
      },
      { code: 'D.1', title: 'A diversity strategy' },
    ],
    more: { count: 4, ask: 'more: my targets' },
  },
  help: { kind: 'help', examples: ['status of ED.1', 'ed1', "what's off track?", 'values'] },
  notice: {
    kind: 'notice',
    text: "I couldn't find ED.9 — did you mean ED.1 or ED.2?",
    suggestions: ['status of ED.1', 'status of ED.2', 'help', 'values'],
    links: [{ label: 'Download CSV', url: 'https://bot.example/files/x.csv?sig=x' }],
  },
  updateForm: {
    kind: 'updateForm',
    cycle: { id: 'leicester-2003:q3', name: 'Q3 2026/27', due: '15 Jan 2027' },
    target: { id: 'leicester-2003:ED.1/1', code: 'ED.1/1', text: 'GCSE A*-C', unit: '%', figures },
    header: 'Q3 2026/27: please report by 15 Jan 2027',
    values: { value: '47' },
    errors: { asOf: 'Give the date the figure is for.' },
    problem: 'Please correct the fields marked below.',
  },
  submitted: {
    kind: 'submitted',
    cycleName: 'Q3 2026/27',
    code: 'ED.1/1',
    targetText: 'GCSE A*-C',
    summary: '47% (GREEN) as of 31 Dec 2026',
    by: 'Ann Owner',
    at: '5 Jan 2027, 10:00',
    note: 'Already recorded — this submit counted once.',
  },
  cycleStatus: {
    kind: 'cycleStatus',
    cycleId: 'leicester-2003:q3',
    name: 'Q3 2026/27',
    due: '15 Jan 2027',
    totals: row,
    byAim: [row],
    byOwner: [{ ...row, name: 'Ann Owner' }],
    remind: 'remind outstanding Q3 2026/27',
  },
  consultation: {
    kind: 'consultation',
    id: 'budget',
    header: 'Consultation from the policy team',
    title: 'Budget 2027/28',
    summary: 'What should we protect?',
    link: 'https://council.gov.uk/budget',
    closes: 'Fri 15 Jan 2027, 17:00',
    questions: [
      { id: 'q1', kind: 'single', prompt: 'Do you agree?', options: ['Yes', 'No'] },
      { id: 'q2', kind: 'rating', prompt: 'How clear is it?', options: [] },
    ],
    values: {},
    errors: {},
    readOnly: false,
  },
  consultationResults: {
    kind: 'consultationResults',
    id: 'budget',
    title: 'Budget 2027/28',
    status: 'Closed: 2 responses from 3 people (67%)',
    questions: [
      {
        prompt: 'Do you agree?',
        tallies: [{ label: 'Yes', count: 2, percent: 100 }],
        answers: [],
        answerCount: 0,
      },
    ],
    exports: [{ label: 'Download CSV', url: 'https://bot.example/files/c.csv?sig=x' }],
  },
  composeConsultation: { kind: 'composeConsultation', values: { title: 'Budget' }, errors: {} },
  workshop: {
    kind: 'workshop',
    id: 'w-2027-03-16',
    header: 'Workshop invitation',
    title: 'Priorities workshop',
    description: 'Round two.',
    when: 'Tue 16 Mar 2027, 14:00–16:00',
    where: 'Town Hall',
    link: 'https://teams.example/join',
    places: '3 of 20 places left',
    calendarUrl: 'https://bot.example/files/w.ics?sig=x',
    readOnly: false,
  },
  broadcastStatus: {
    kind: 'broadcastStatus',
    id: 'consultation:budget',
    title: 'Budget 2027/28',
    audience: 'everyone: 1,204 people',
    status: 'Awaiting approval',
    counts: { sent: 0, pending: 1204, failed: 0, cancelled: 0 },
    failures: [],
    actions: ['approve', 'cancel', 'resend'],
  },
  signOff: {
    kind: 'signOff',
    update: 'cycle-borough:q3-2026-27:ED.1/1:abc',
    step: 1,
    header: 'Q3 2026/27: please sign off this update — step 1 of 2, Head of service approves.',
    code: 'ED.1',
    targetText: 'To increase the percentage of pupils achieving 5 GCSEs A*-C (BV 38).',
    summary: '39% (◆ Red) as of 31 Dec 2026',
    by: 'Submitted by Ann Owner at 5 Jan 2027, 10:00',
  },
  performanceReport: {
    kind: 'performanceReport',
    cycle: 'Q3 2026/27',
    plan: 'Cyngor Sir Ynys Môn Corporate Plan',
    draft: true,
    note: 'Closed "Q3 2026/27" on 16 Jan 2027 with 3 of 4 targets updated.',
    meeting: 'Report to Cabinet, 24 Mar 2027 · report deadline 10 Mar 2027',
    summary: 'Of 4 targets, 3 have a figure: 1 Red, 1 Amber and 1 Green. 1 is not reported.',
    travel: "Direction of travel since each target's figure before: 1 improving, 1 worse, 0 the same.",
    aims: [{ name: 'Addysg – Llwyddiant', red: 1, amber: 1, green: 1, noRag: 0, notReported: 1, total: 4 }],
    totals: { name: 'All aims', red: 1, amber: 1, green: 1, noRag: 0, notReported: 1, total: 4 },
    exceptions: [
      {
        id: 'ED.1/1',
        text: 'GCSE A*-C (BV 38).',
        rag: 'red',
        owner: 'Ann Owner',
        reason: 'Red: 40% against 46% expected by 31 Dec 2026; more than 5% short',
        trend: 'Worse: worse than the last update (44.8% on 30 Sept 2026)',
      },
    ],
    moreExceptions: 3,
    chartUrl: 'https://bot.example/files/report/c/draft/rag-by-aim.png?sig=x',
    files: [
      { label: 'Word document (draft)', url: 'https://bot.example/files/report/c/draft/report.docx?sig=x' },
      { label: 'Excel workbook (draft)', url: 'https://bot.example/files/report/c/draft/report.xlsx?sig=x' },
    ],
  },
  openCycleForm: VIEWS.openCycleForm,
  publishWorkshopForm: VIEWS.publishWorkshopForm,
  editTargetForm: VIEWS.editTargetForm,
  // The risk register's cards, every band chip and error shown (services/risk/*).
  riskList: VIEWS.riskList,
  risk: VIEWS.risk,
  riskReview: VIEWS.riskReview,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every card action anywhere in a card: actions, ActionSets, selectActions, inline actions, ShowCards. */
function actionsIn(node: Json, found: Record<string, Json>[] = []): Record<string, Json>[] {
  if (Array.isArray(node)) for (const item of node) actionsIn(item, found);
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
    for (const value of Object.values(node)) actionsIn(value, found);
  }
  return found;
}

/** Why an action would not reach the bot from a channel, or undefined when it would. */
function sendsPlainText(action: Record<string, Json>): string | undefined {
  const msteams =
    action.data && typeof action.data === 'object' && !Array.isArray(action.data)
      ? action.data.msteams
      : undefined;
  if (msteams && typeof msteams === 'object' && !Array.isArray(msteams)) {
    if (msteams.type === 'imBack') return 'msteams imBack posts its text as the person';
    if (msteams.type === 'messageBack' && msteams.value === undefined) return 'messageBack without data';
  }
  switch (action.type) {
    case 'Action.OpenUrl':
    case 'Action.ShowCard':
    case 'Action.ToggleVisibility':
      return undefined;
    case 'Action.Execute': {
      const { verb, data } = action;
      if (typeof verb !== 'string' || !VERBS.includes(verb))
        return `verb ${String(verb)} is not one the bot takes`;
      if (!data || typeof data !== 'object' || Array.isArray(data)) return 'Action.Execute without data';
      if (verb === 'ask' && !(typeof data.ask === 'string' && data.ask.trim()))
        return 'an ask button with no question';
      return undefined;
    }
    default:
      return `${String(action.type)} does not reach the bot as a card action`;
  }
}

test.each(Object.values(views).map((v) => [v.kind, v] as const))(
  'Teams %s card: no button sends plain text; each carries its data to the bot or opens a link',
  (_kind, view) => {
    const actions = actionsIn(renderTeams(view).content as Json);
    expect(actions.map((a) => [a.title, sendsPlainText(a)]).filter(([, why]) => why)).toEqual([]);
  },
);

test('the buttons checked are the ones each card shows', () => {
  const summary = Object.fromEntries(
    Object.values(views).map((v) => [
      v.kind,
      actionsIn(renderTeams(v).content as Json).map(
        (a) => `${String(a.type)}:${String(a.verb ?? a.url ?? '')}`,
      ),
    ]),
  );
  expect(summary.help).toEqual(['Action.Execute:ask', 'Action.Execute:ask', 'Action.Execute:ask']);
  expect(summary.notice).toEqual([
    'Action.Execute:ask',
    'Action.Execute:ask',
    'Action.Execute:ask',
    'Action.OpenUrl:https://bot.example/files/x.csv?sig=x',
  ]);
  expect(summary.list).toEqual(['Action.Execute:openUpdate', 'Action.Execute:ask']);
  expect(summary.cycleStatus).toEqual(['Action.Execute:ask']);
  expect(summary.updateForm).toEqual(['Action.Execute:submitUpdate']);
  expect(summary.consultation).toContain('Action.Execute:answerConsultation');
  expect(summary.workshop).toContain('Action.Execute:rsvpWorkshop');
  expect(summary.broadcastStatus).toEqual(Array(3).fill('Action.Execute:broadcastAction'));
  expect(summary.composeConsultation).toEqual(Array(2).fill('Action.Execute:composeConsultation'));
  expect(summary.openCycleForm).toEqual(['Action.Execute:openCycle']);
  expect(summary.publishWorkshopForm).toEqual(['Action.Execute:publishWorkshop']);
  expect(summary.editTargetForm).toEqual(['Action.Execute:editTarget']);
});

test('the check itself: imBack, messageBack without data, Action.Submit and unknown verbs are caught', () => {
  const card: Json = {
    actions: [
      { type: 'Action.Submit', title: 'a', data: { msteams: { type: 'imBack', value: 'help' } } },
      { type: 'Action.Submit', title: 'b', data: { msteams: { type: 'messageBack', text: 'help' } } },
      { type: 'Action.Submit', title: 'c', data: { ask: 'help' } },
      { type: 'Action.Execute', title: 'd', verb: 'nope', data: {} },
      { type: 'Action.Execute', title: 'e', verb: 'ask', data: { ask: '' } },
    ],
  };
  expect(actionsIn(card).map((a) => sendsPlainText(a) !== undefined)).toEqual([true, true, true, true, true]);
});
