import { renderSlack } from '../../cards/slack/render';
import { renderTeams } from '../../cards/teams/render';
import type { View } from '../../services/answers/views';

// adaptivecards' lib/ entry fails under require; its dist bundle loads in Node and parses cards.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle has no ES module form
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (version: unknown) => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
  Versions: { v1_5: unknown };
};

const status: View & { kind: 'priorityStatus' } = {
  kind: 'priorityStatus',
  code: 'ED.1',
  title: 'Raise attainment of all pupils.',
  aim: 'Education',
  plan: 'leicester-2003',
  targets: [
    {
      id: 'ED.1/1',
      text: 'To increase the percentage of students achieving 5 GCSE grades A*-C by to XX% by 2006 (BV 38).',
      piCodes: ['BV 38'],
      figures: [
        { label: 'Baseline 2001/02', text: '40.7%' },
        { label: 'Interim 2004', text: '46%' },
      ],
      latest: {
        text: '44.2% as of 30 Sept 2026',
        rag: 'amber',
        asOf: '30 Sept 2026',
        commentary: '<b>late</b> & <@U123>',
        trend: 'up',
      },
      owner: 'jo@leicester.gov.uk',
      lastUpdated: '3 Oct 2026',
    },
    {
      id: 'ED.1/2',
      text: 'To reduce the number of City schools subject to special measures (BV48).',
      piCodes: [],
      figures: [],
    },
  ],
};
/** "my targets": one target waiting in an open cycle (with its button), one not asked for. */
function myTargets(): View & { kind: 'list' } {
  return {
    kind: 'list',
    title: 'Your targets',
    intro: '1 to report in Q3 2026/27: press "Update this target" to fill in the form.',
    items: [
      {
        code: 'ED.1',
        title: 'To increase the percentage of students achieving 5 GCSE grades A*-C (BV 38).',
        detail: 'Q3 2026/27: to report by 15 Jan 2027 · Latest: 44.8% as of 30 Sept 2026',
        update: { cycle: 'leicester-2003:q3-2026-27', target: 'leicester-2003:ED.1/1' },
      },
      { code: 'D.1', title: 'To adopt a diversity strategy.', detail: 'You are the deputy · No update yet' },
    ],
  };
}
const views: View[] = [
  status,
  {
    kind: 'list',
    title: 'Strategic aims',
    intro: 'Ten aims',
    items: [
      { code: 'D', title: 'Diversity', detail: 'A place at the table' },
      { code: '', title: 'Dialogue' },
    ],
    more: { count: 3, ask: 'more: aims' },
  },
  myTargets(),
  { kind: 'help', examples: ['status of ED.1', 'ed1', "what's off track?", 'values'] },
  {
    kind: 'notice',
    text: "I couldn't find ED.9 — did you mean ED.1, ED.2 or ED.3?",
    suggestions: ['status of ED.1'],
  },
  {
    kind: 'consultation',
    id: 'budget-2027-01-15',
    header: 'Consultation from the policy team',
    title: 'Budget 2027/28',
    summary: 'What should we protect? *not bold* <b>not html</b>',
    link: 'https://council.gov.uk/budget',
    closes: 'Fri 15 Jan 2027, 17:00',
    questions: [
      { id: 'q1', kind: 'single', prompt: 'Do you agree?', options: ['Yes', 'No'] },
      { id: 'q2', kind: 'multiple', prompt: 'Which areas?', options: ['Housing', 'Parks', 'Roads'] },
      { id: 'q3', kind: 'rating', prompt: 'How clear is it?', options: [] },
      { id: 'q4', kind: 'text', prompt: 'Anything else?', options: [] },
    ],
    values: { q1: '0', q2: '0,2' },
    errors: { q4: 'Keep it under 2,000 characters.' },
    note: 'Recorded.',
    readOnly: false,
  },
  {
    kind: 'consultationResults',
    id: 'budget-2027-01-15',
    title: 'Budget 2027/28',
    status: 'Closed: 2 responses from 3 people (67%)',
    questions: [
      {
        prompt: 'Do you agree?',
        tallies: [{ label: 'Yes', count: 2, percent: 100 }],
        chartUrl: 'https://bot.example/files/c/q1.png?sig=x',
        answers: [],
        answerCount: 0,
      },
      { prompt: 'Anything else?', tallies: [], answers: ['More buses'], answerCount: 7 },
    ],
    exports: [{ label: 'Download CSV', url: 'https://bot.example/files/c.csv?sig=x' }],
  },
  {
    kind: 'composeConsultation',
    values: { title: 'Budget' },
    errors: { closes: 'In the past.' },
    problem: 'Too long.',
  },
  {
    kind: 'workshop',
    id: 'w-2027-03-16',
    header: 'Workshop invitation',
    title: 'Priorities workshop',
    description: 'Round two.',
    when: 'Tue 16 Mar 2027, 14:00–16:00',
    where: 'Town Hall',
    places: '3 of 20 places left',
    answer: 'You are attending',
    calendarUrl: 'https://bot.example/files/workshop/w.ics?sig=x',
    readOnly: false,
  },
  {
    kind: 'broadcastStatus',
    id: 'consultation:budget',
    title: 'Budget 2027/28',
    audience: 'everyone: 1,204 people',
    status: 'Sending',
    counts: { sent: 1000, pending: 200, failed: 4, cancelled: 0 },
    failures: ['jo@council.gov.uk (teams): 403'],
    note: 'The platform is asking us to slow down.',
    actions: ['cancel', 'resend'],
  },
];

test.each(views.map((v) => [v.kind, v] as const))(
  'Teams %s card is valid Adaptive Card 1.5',
  (_kind, view) => {
    const card = renderTeams(view);
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).not.toContain('${');
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card.content, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(events).toEqual([]); // unknown elements or properties
    expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]); // bad or duplicate input ids
  },
);

test('the Teams status card shows the facts', () => {
  const json = JSON.stringify(renderTeams(status).content);
  for (const fact of [
    'ED.1 · Education',
    '40.7%',
    '46%',
    'Baseline 2001/02',
    'PI: BV 38',
    '↑ Latest: 44.2% as of 30 Sept 2026',
    '▲ Amber',
    'Owner: jo@leicester.gov.uk',
    'No update reported yet',
  ]) {
    expect(json).toContain(fact);
  }
});

test.each(views.map((v) => [v.kind, v] as const))(
  'Slack %s message stays within Block Kit limits',
  (_kind, view) => {
    const message = renderSlack(view);
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block.text as { text?: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  },
);

test('Slack shows the same facts, with user text made inert', () => {
  const json = JSON.stringify(renderSlack(status));
  for (const fact of [
    '40.7%',
    '46%',
    'PI: BV 38',
    '*▲ Amber* · ↑ Latest: 44.2%',
    'Owner: jo@leicester.gov.uk',
  ])
    expect(json).toContain(fact);
  expect(json).toContain('&lt;@U123&gt;');
  expect(json).not.toContain('<@U123>');
});

test('a very long plan is cut to 50 Slack blocks with a note', () => {
  const target = status.kind === 'priorityStatus' ? status.targets[0] : undefined;
  if (!target) throw new Error('fixture has no target');
  const long: View = { ...status, targets: Array.from({ length: 40 }, () => target) };
  const message = renderSlack(long);
  expect(message.blocks).toHaveLength(50);
  expect(JSON.stringify(message.blocks[49])).toContain('Too long for one Slack message');
});

test('a target waiting in an open cycle gets a button that opens its form, in both channels', () => {
  const teams = renderTeams(myTargets()).content as { body: { items?: unknown[] }[] };
  const containers = teams.body.filter((b) => Array.isArray(b.items));
  expect(JSON.stringify(containers[0])).toContain(
    JSON.stringify({
      type: 'Action.Execute',
      title: 'Update this target',
      verb: 'openUpdate',
      data: { cycle: 'leicester-2003:q3-2026-27', target: 'leicester-2003:ED.1/1' },
    }),
  );
  expect(JSON.stringify(containers[1])).not.toContain('Action.Execute');

  const slack = renderSlack(myTargets()).blocks;
  const buttons = slack.filter((b) => b.type === 'actions');
  expect(buttons).toHaveLength(1);
  expect(buttons[0]).toMatchObject({
    elements: [
      {
        type: 'button',
        action_id: 'open_update_0',
        text: { text: 'Update this target' },
        value: 'leicester-2003:q3-2026-27|leicester-2003:ED.1/1',
      },
    ],
  });
});
