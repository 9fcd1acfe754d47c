import type { View } from '../../services/answers/views';

// Views of every kind with hostile user text in every field a person or a plan file fills: links,
// emphasis, mentions, HTML, an entity and a bare URL (issue 12, item 9). Shared by the card tests
// and the browser test that draws them with the Teams renderer.

/** Links, emphasis, mentions, HTML, an entity and a bare URL, in one line. */
export const H =
  '[the Ofsted letter](https://evil.example/phish) **b** _i_ <!channel> <@U123> <b>html</b> &amp; https://bare.example/x';
/** H as CommonMark that shows H: a backslash before each character that could start markup. */
export const H_MARKDOWN =
  '\\[the Ofsted letter](https://evil.example/phish) \\*\\*b\\*\\* \\_i\\_ \\<!channel> \\<@U123> \\<b>html\\</b> \\&amp; https://bare.example/x';
export const Z = '\u200b';
/** H as Slack mrkdwn that shows H: & < > escaped, * and _ between zero-width spaces. */
export const H_MRKDWN = `[the Ofsted letter](https://evil.example/phish) ${Z}*${Z}${Z}*${Z}b${Z}*${Z}${Z}*${Z} ${Z}_${Z}i${Z}_${Z} &lt;!channel&gt; &lt;@U123&gt; &lt;b&gt;html&lt;/b&gt; &amp;amp; https://bare.example/x`;

/** One view of each kind, by kind: a Record, so a list of them fails to compile when a kind is added. */
export type EveryView = { [K in View['kind']]: Extract<View, { kind: K }> };

const u = (what: string) => `${what} ${H}`;
/** One view of every kind, user text hostile everywhere; a Record, so a new kind must be added. */
export const VIEWS: EveryView = {
  priorityStatus: {
    kind: 'priorityStatus',
    code: 'ED.1',
    title: u('title'),
    aim: u('aim'),
    plan: 'leicester-2003',
    targets: [
      {
        id: 'ED.1/1',
        text: u('target'),
        piCodes: ['BV 38'],
        figures: [{ label: u('label'), text: u('figure') }],
        latest: {
          text: '44.2% (AMBER) as of 30 Sept 2026',
          rag: 'amber',
          asOf: '30 Sept 2026',
          commentary: u('commentary'),
          correctiveAction: u('corrective action'),
        },
        owner: u('owner'),
        lastUpdated: '3 Oct 2026',
        reason: u('reason'),
        trend: u('trend'),
        forecast: u('forecast'),
        notes: u('notes'),
      },
    ],
  },
  history: {
    kind: 'history',
    code: 'ED.1',
    title: u('title'),
    targets: [
      {
        id: 'ED.1/1',
        text: u('target'),
        updates: [
          {
            figure: u('figure'),
            rag: '▲ Amber',
            reason: u('reason'),
            by: u('by'),
            commentary: u('commentary'),
          },
        ],
        more: 0,
        none: u('none'),
      },
    ],
  },
  list: {
    kind: 'list',
    title: u('list'),
    intro: u('intro'),
    items: [{ code: 'ED.1', title: u('item'), detail: u('detail'), update: { cycle: 'c', target: 't' } }],
    more: { count: 3, ask: 'more' },
  },
  help: { kind: 'help', examples: ['status of ED.1', u('example')] },
  notice: { kind: 'notice', text: `There is no broadcast "${H}".`, suggestions: [u('suggestion')] },
  updateForm: {
    kind: 'updateForm',
    cycle: { id: 'c', name: u('cycle'), due: '15 Jan 2027' },
    target: {
      id: 't',
      code: 'ED.1/1',
      text: u('target'),
      unit: 'percent',
      figures: [{ label: u('label'), text: u('figure') }],
      latest: u('latest'),
    },
    header: u('header'),
    values: { value: '44', asOf: '2026-12-31', commentary: H },
    errors: { commentary: u('error') },
    problem: u('problem'),
  },
  submitted: {
    kind: 'submitted',
    cycleName: u('cycle'),
    code: 'ED.1/1',
    targetText: u('target'),
    summary: u('summary'),
    by: u('by'),
    at: '16 Jan 2027, 10:04',
    note: u('note'),
  },
  cycleStatus: {
    kind: 'cycleStatus',
    cycleId: 'c',
    name: u('cycle'),
    due: '15 Jan 2027',
    totals: { name: 'All', submitted: 1, outstanding: 2, overdue: 0 },
    byAim: [{ name: u('aim'), submitted: 1, outstanding: 0, overdue: 0 }],
    byOwner: [{ name: u('owner'), submitted: 0, outstanding: 2, overdue: 0 }],
    remind: 'remind outstanding',
  },
  consultation: {
    kind: 'consultation',
    id: 'budget',
    header: 'Consultation from the policy team',
    title: u('title'),
    summary: u('summary'),
    link: 'https://council.gov.uk/budget?a=1&b=2',
    closes: 'Fri 15 Jan 2027, 17:00',
    questions: [
      { id: 'q1', kind: 'single', prompt: u('prompt'), options: [u('yes'), 'No'] },
      { id: 'q2', kind: 'text', prompt: u('prompt'), options: [] },
    ],
    values: { q1: '0', q2: H },
    errors: { q2: u('error') },
    note: u('note'),
    readOnly: false,
  },
  consultationResults: {
    kind: 'consultationResults',
    id: 'budget',
    title: u('title'),
    status: 'Closed: 2 responses from 3 people (67%)',
    questions: [
      {
        prompt: u('prompt'),
        tallies: [{ label: u('option'), count: 2, percent: 100 }],
        answers: [],
        answerCount: 0,
      },
      { prompt: u('prompt'), tallies: [], answers: [u('answer')], answerCount: 7 },
    ],
    exports: [{ label: 'Download CSV', url: 'https://bot.example/files/c.csv?sig=x' }],
  },
  composeConsultation: {
    kind: 'composeConsultation',
    values: { title: H, summary: H },
    errors: { closes: u('error') },
    problem: u('problem'),
  },
  workshop: {
    kind: 'workshop',
    id: 'w',
    header: 'Workshop invitation',
    title: u('title'),
    description: u('description'),
    when: 'Tue 16 Mar 2027, 14:00–16:00',
    where: u('where'),
    places: '3 of 20 places left',
    answer: 'You are attending',
    readOnly: false,
  },
  broadcastStatus: {
    kind: 'broadcastStatus',
    id: 'consultation:budget',
    title: u('title'),
    audience: u('audience'),
    status: 'Sending',
    counts: { sent: 1, pending: 2, failed: 1, cancelled: 0 },
    failures: [u('failure')],
    note: u('note'),
    actions: ['cancel'],
  },
  signOff: {
    kind: 'signOff',
    update: 'cycle-borough:q3:ED.1/1:abc',
    step: 1,
    header: u('header'),
    code: u('code'),
    targetText: u('target'),
    summary: u('summary'),
    reason: u('reason'),
    commentary: u('commentary'),
    correctiveAction: u('corrective action'),
    by: u('by'),
    comment: u('comment'),
    error: u('error'),
  },
  performanceReport: {
    kind: 'performanceReport',
    cycle: u('Q3 2026/27'),
    plan: u('Cyngor Sir Ynys Môn Corporate Plan'),
    draft: true,
    note: u('Closed "Q3 2026/27" on 16 Jan 2027 with 3 of 4 targets updated.'),
    meeting: 'Report to Cabinet, 24 Mar 2027 · report deadline 10 Mar 2027',
    summary: 'Of 4 targets, 3 have a figure: 1 Red, 1 Amber and 1 Green. 1 is not reported.',
    travel: "Direction of travel since each target's figure before: 1 improving, 1 worse, 0 the same.",
    aims: [
      { name: u('Addysg – Llwyddiant'), red: 1, amber: 1, green: 1, noRag: 0, notReported: 1, total: 4 },
    ],
    totals: { name: 'All aims', red: 1, amber: 1, green: 1, noRag: 0, notReported: 1, total: 4 },
    exceptions: [
      {
        id: 'ED.1/1',
        text: u('GCSE A*-C (BV 38).'),
        rag: 'red',
        owner: u('Ann Owner'),
        reason: u('Red: 40% against 46% expected by 31 Dec 2026; more than 5% short'),
        trend: u('Worse: worse than the last update (44.8% on 30 Sept 2026)'),
      },
    ],
    moreExceptions: 3,
    // No chart: an image is markup to the renderer test, and its alt text is covered by the card tests.
    files: [
      { label: 'Word document (draft)', url: 'https://bot.example/files/report/c/draft/report.docx?sig=x' },
      { label: 'Excel workbook (draft)', url: 'https://bot.example/files/report/c/draft/report.xlsx?sig=x' },
    ],
  },
  // The policy team's forms (services/forms/*): typed values, errors and the problem as typed.
  openCycleForm: {
    kind: 'openCycleForm',
    plan: { id: 'leicester-2003', name: u('plan') },
    fields: [
      { id: 'name', label: 'Name', type: 'text' },
      { id: 'aim', label: 'Aim', type: 'choice', choices: [{ title: u('aim'), value: 'education' }] },
      { id: 'dueOn', label: 'Due on', type: 'date' },
    ],
    values: { name: H, aim: 'education', dueOn: H },
    errors: { name: u('error'), dueOn: u('error') },
    problem: u('problem'),
  },
  publishWorkshopForm: {
    kind: 'publishWorkshopForm',
    fields: [
      { id: 'title', label: 'Title', type: 'text' },
      { id: 'description', label: 'What it is about', type: 'multiline', optional: true },
      { id: 'starts', label: 'Starts at', type: 'time', hint: 'London time, hh:mm.' },
    ],
    values: { title: H, description: H, starts: H },
    errors: { title: u('error') },
    problem: u('problem'),
  },
  editTargetForm: {
    kind: 'editTargetForm',
    target: { id: 'leicester-2003:ED.1/1', code: 'ED.1/1', plan: 'leicester-2003' },
    version: '0123456789abcdef',
    fields: [
      { id: 'text', label: 'Target', type: 'multiline' },
      { id: 'interimValue', label: 'Interim: value', type: 'text', optional: true },
      { id: 'owner', label: 'Owner', type: 'text', optional: true },
    ],
    values: { text: H, interimValue: H, owner: H },
    errors: { interimValue: u('error') },
    problem: u('problem'),
  },
  // The risk register (services/risk/*): titles, causes, names, comments as typed.
  riskList: {
    kind: 'riskList',
    title: 'Top risks',
    plan: u('plan'),
    intro: 'Highest current score first.',
    items: [
      {
        id: 'R12',
        title: u('risk'),
        current: 'B/II · 15 (High)',
        band: 'High',
        detail: u('Owner: Ann Owner'),
        ask: 'risk R12',
      },
    ],
    more: 2,
    // No picture: an image is markup to the renderer test; its alt text is covered by the risk tests.
    matrices: [],
  },
  risk: {
    kind: 'risk',
    id: 'R12',
    title: u('risk'),
    plan: u('plan'),
    status: 'Open',
    owner: u('Ann Owner'),
    cause: u('cause'),
    effect: u('effect'),
    current: 'B/II · 15 (High) — High probability, Critical impact',
    band: 'High',
    target: 'E/III · 4 (Low) — Very Low probability, Marginal impact',
    controls: [u('control')],
    actions: [u('action')],
    reviewOn: '31 Mar 2027',
    links: [u('ED.1/1 — target')],
    reviews: [{ line: u('4 Jan 2027 · Ann Owner'), comment: u('comment') }],
  },
  riskReview: {
    kind: 'riskReview',
    header: u('header'),
    cycle: 'risk-borough:q3',
    risk: 'risk-borough:R12',
    id: 'R12',
    title: u('risk'),
    current: 'Now: D/III · 6 (Medium)',
    probability: [{ value: 'A', title: u('A — Very High') }],
    impact: [{ value: 'I', title: u('I — Catastrophic') }],
    values: { probability: 'A', impact: 'I', comment: H, reviewOn: H },
    errors: { comment: u('error') },
    problem: u('problem'),
  },
};
/** The views, one of each kind. */
export const HOSTILE_VIEWS = Object.values(VIEWS) as View[];
