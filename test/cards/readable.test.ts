import { renderTeams } from '../../cards/teams/render';
import { VIEWS, type EveryView } from '../support/hostile-views';

// Issue 12 (10, 11): cards readable at a glance in Teams' light and dark themes, and forms whose
// required inputs say what is missing. Every card of every kind is rendered and then measured:
// each piece of text, in the colour the host config gives it, against the background of the
// container it sits in (WCAG 2.2 contrast ratio; SC 1.4.3 asks 4.5:1 for text).

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

// The text colours of Microsoft's Teams host configs, light and dark, as [default, subtle], and
// each container style's background: microsoft/AdaptiveCards samples/HostConfig/
// microsoft-teams-light.json and microsoft-teams-dark.json (the light one is also the one the
// Agents Playground bundles). Colours are #RRGGBB or #AARRGGBB.
type Colours = Record<string, [string, string]>;
const LIGHT_TEXT: Colours = {
  default: ['#ff252424', '#bf252424'],
  dark: ['#252424', '#bf252424'],
  light: ['#ffffff', '#fff3f2f1'],
  accent: ['#6264a7', '#8b8cc7'],
  good: ['#92c353', '#e592c353'],
  warning: ['#f8d22a', '#e5f8d22a'],
  attention: ['#c4314b', '#e5c4314b'],
};
const DARK_TEXT: Colours = {
  default: ['#ffffffff', '#bfffffff'],
  dark: ['#ff201f1f', '#ff2d2c2c'],
  light: ['#ffffffff', '#bfffffff'],
  accent: ['#ffa6a7dc', '#ff8b8cc7'],
  good: ['#ff92c353', '#e592c353'],
  warning: ['#fff8d22a', '#e5f8d22a'],
  attention: ['#ffd74654', '#e5d74654'],
};
// In the dark theme the tinted styles (accent, good, attention, warning) keep light backgrounds
// and pair them with dark default text.
const DARK_ON_TINT: Colours = { ...DARK_TEXT, default: ['#ff201f1f', '#ff2d2c2c'] };
const TINTS = { accent: '#C7DEF9', good: '#CCFFCC', attention: '#FFC5B2', warning: '#FFE2B2' };
type Style = { background: string; text: Colours };
const THEMES: Record<'light' | 'dark', Record<string, Style>> = {
  light: {
    default: { background: '#ffffff', text: LIGHT_TEXT },
    emphasis: { background: '#fff9f8f7', text: LIGHT_TEXT },
    ...Object.fromEntries(Object.entries(TINTS).map(([k, bg]) => [k, { background: bg, text: LIGHT_TEXT }])),
  },
  dark: {
    default: { background: '#ff2d2c2c', text: DARK_TEXT },
    emphasis: { background: '#ff292828', text: DARK_TEXT },
    ...Object.fromEntries(
      Object.entries(TINTS).map(([k, bg]) => [k, { background: bg, text: DARK_ON_TINT }]),
    ),
  },
};

/** [r, g, b, alpha] from #RRGGBB or #AARRGGBB (Adaptive Cards puts alpha first). */
function rgba(hex: string): [number, number, number, number] {
  const h = hex.replace('#', '');
  const [a, rgb] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16)).concat(a) as [
    number,
    number,
    number,
    number,
  ];
}
type Rgb = [number, number, number];
/** `colour` drawn over the opaque `under`. */
function over(colour: string, under: Rgb): Rgb {
  const [r, g, b, a] = rgba(colour);
  return [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)];
}
/** WCAG 2.2 relative luminance and contrast ratio: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** The contrast of text in `fg` on a container of `bg` (the card itself sits on white). */
function contrast(fg: string, bg: string): number {
  const background = over(bg, [255, 255, 255]);
  const [a, b] = [luminance(over(fg, background)), luminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

type Json = unknown;
type Node = Record<string, Json>;
interface Text {
  text: string;
  color: string;
  subtle: boolean;
  style: string;
}
const CONTAINERS = new Set(['Container', 'Column', 'ColumnSet', 'TableCell', 'Table']);

/** Every piece of text in a card, with its colour, subtlety and the container style around it. */
function textsIn(node: Json, style = 'default', found: Text[] = []): Text[] {
  if (Array.isArray(node)) {
    for (const item of node) textsIn(item, style, found);
    return found;
  }
  if (!node || typeof node !== 'object') return found;
  const n = node as Node;
  const here =
    CONTAINERS.has(String(n.type)) && typeof n.style === 'string' && n.style !== '' ? n.style : style;
  const add = (text: Json, from: Node) =>
    found.push({
      text: String(text ?? ''),
      color: typeof from.color === 'string' ? from.color.toLowerCase() : 'default',
      subtle: from.isSubtle === true,
      style: here.toLowerCase(),
    });
  if (n.type === 'TextBlock') add(n.text, n);
  if (n.type === 'TextRun') add(n.text, n);
  if (n.type === 'FactSet')
    for (const fact of (n.facts as Node[] | undefined) ?? [])
      found.push(
        { text: String(fact.title), color: 'default', subtle: false, style: here },
        { text: String(fact.value), color: 'default', subtle: false, style: here },
      );
  if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.label === 'string')
    found.push({ text: n.label, color: 'default', subtle: false, style: here });
  for (const [key, value] of Object.entries(n))
    if (key !== 'actions' || n.type !== 'AdaptiveCard') textsIn(value, here, found);
  return found;
}

const target = {
  id: 'ED.1/1',
  text: 'To increase the percentage of students achieving 5 GCSE grades A*-C (BV 38).',
  piCodes: ['BV 38'],
  figures: [{ label: 'Baseline 2001/02', text: '40.7%' }],
};
const row = { name: 'Education', submitted: 1, outstanding: 2, overdue: 1 };

/** One view of every kind, with every coloured part it can have. (A new kind fails to compile here.) */
const views: EveryView = {
  priorityStatus: {
    kind: 'priorityStatus',
    code: 'ED.1',
    title: 'Raise attainment of all pupils.',
    aim: 'Education',
    plan: 'leicester-2003',
    targets: (['red', 'amber', 'green'] as const).map((rag) => ({
      ...target,
      latest: {
        text: '44.2% as of 30 Sept 2026',
        rag,
        asOf: '30 Sept 2026',
        commentary: 'Late.',
        trend: 'up',
      },
      owner: 'Jo Bloggs',
      lastUpdated: '3 Oct 2026',
    })),
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
    title: 'Targets at Red or Amber',
    intro: '3 targets in 2 priorities, the worst first.',
    items: (['red', 'amber', 'green'] as const).map((rag) => ({
      code: 'ED.1',
      title: target.text,
      detail: 'Latest: 44.2% as of 30 Sept 2026 · Owner: Jo Bloggs',
      rag,
      open: { label: 'Open ED.1', ask: 'status of ED.1' },
      update: { cycle: 'c', target: 't' },
    })),
    page: { first: 9, last: 11, total: 19 },
    more: { count: 8, ask: "more: what's off track? @11" },
  },
  help: { kind: 'help', examples: ['status of ED.1', 'ed1', "what's off track?"] },
  notice: {
    kind: 'notice',
    text: "I couldn't find ED.9 — did you mean ED.1?",
    suggestions: ['status of ED.1'],
    links: [{ label: 'Download CSV', url: 'https://bot.example/x.csv' }],
  },
  updateForm: {
    kind: 'updateForm',
    cycle: { id: 'c', name: 'Q3 2026/27', due: '15 Jan 2027' },
    target: {
      id: 't',
      code: 'ED.1',
      text: target.text,
      unit: 'percent',
      figures: target.figures,
      latest: '44%',
    },
    header: 'Q3 2026/27: please report on this target by 15 Jan 2027.',
    values: { value: 'two' },
    errors: {
      value: 'Enter a number — "two" is not one.',
      asOf: 'Choose the date the value is as of (a real date, yyyy-mm-dd).',
      rag: 'RAG must be Red, Amber or Green.',
      overrideReason: 'Give a reason.',
      commentary: 'Commentary is required for Red.',
      evidence: 'The evidence link must be a web address starting https://',
    },
    problem: 'Please correct the fields marked below.',
  },
  submitted: {
    kind: 'submitted',
    cycleName: 'Q3 2026/27',
    code: 'ED.1',
    targetText: target.text,
    summary: '47% (● Green) as of 31 Dec 2026',
    by: 'Ann Owner',
    at: '5 Jan 2027, 10:00',
    note: 'Already recorded — this submit counted once.',
  },
  cycleStatus: {
    kind: 'cycleStatus',
    cycleId: 'c',
    name: 'Q3 2026/27',
    due: '15 Jan 2027',
    totals: row,
    byAim: [row],
    byOwner: [{ ...row, name: 'Ann Owner' }],
    remind: 'remind outstanding for Q3 2026/27',
  },
  consultation: {
    kind: 'consultation',
    id: 'budget',
    header: 'Consultation from the policy team',
    title: 'Budget 2027/28',
    summary: 'What should we protect?',
    closes: 'Fri 15 Jan 2027, 17:00',
    questions: [
      { id: 'q1', kind: 'single', prompt: 'Do you agree?', options: ['Yes', 'No'] },
      { id: 'q2', kind: 'text', prompt: 'Anything else?', options: [] },
    ],
    values: {},
    errors: { q2: 'Keep it under 2,000 characters.' },
    note: 'Your answer was recorded.',
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
    exports: [],
  },
  composeConsultation: {
    kind: 'composeConsultation',
    values: { title: 'Budget' },
    errors: { closes: 'In the past.' },
    problem: 'Too long.',
  },
  workshop: {
    kind: 'workshop',
    id: 'w',
    header: 'Workshop invitation',
    title: 'Priorities workshop',
    description: 'Round two.',
    when: 'Tue 16 Mar 2027, 14:00–16:00',
    places: '3 of 20 places left',
    answer: 'You are attending',
    readOnly: false,
  },
  broadcastStatus: {
    kind: 'broadcastStatus',
    id: 'b',
    title: 'Budget 2027/28',
    audience: 'everyone: 1,204 people',
    status: 'Sending',
    counts: { sent: 1000, pending: 200, failed: 4, cancelled: 0 },
    failures: ['jo@council.gov.uk (teams): 403'],
    note: 'The platform is asking us to slow down.',
    actions: ['cancel'],
  },
  signOff: {
    kind: 'signOff',
    update: 'cycle-borough:q3-2026-27:ED.1/1:abc',
    step: 1,
    header: 'Q3 2026/27: please sign off this update — step 1 of 2, Head of service approves.',
    code: 'ED.1',
    targetText: 'To increase the percentage of pupils achieving 5 GCSEs A*-C (BV 38).',
    summary: '39% (◆ Red) as of 31 Dec 2026',
    reason: 'Red: 39% against 44.5% expected by 31 Dec 2026.',
    commentary: 'Two schools lost their heads of maths.',
    correctiveAction: 'Interim maths leads from the trust start in February.',
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
const all = Object.values(views).map((v) => [v.kind, v] as const);

test('the contrast measure gives the figures the issue reported', () => {
  expect(contrast(LIGHT_TEXT.warning![0], '#ffffff')).toBeCloseTo(1.47, 2);
  expect(contrast(LIGHT_TEXT.good![0], '#ffffff')).toBeCloseTo(2.07, 2);
  expect(contrast(DARK_TEXT.attention![0], '#ff2d2c2c')).toBeCloseTo(3.24, 2);
});

test.each(all)(
  'Teams %s card: all text reads at 4.5:1 or more in the light and dark themes',
  (_kind, view) => {
    const texts = textsIn(renderTeams(view).content).filter((t) => /[\p{L}\p{N}]/u.test(t.text));
    expect(texts.length).toBeGreaterThan(0);
    const failures = (['light', 'dark'] as const).flatMap((theme) =>
      texts
        .map((t) => {
          const style = THEMES[theme][t.style] ?? THEMES[theme].default!;
          const [colour, subtle] = style.text[t.color] ?? style.text.default!;
          const ratio = contrast(t.subtle ? subtle : colour, style.background);
          return {
            theme,
            text: t.text.slice(0, 40),
            color: t.color,
            style: t.style,
            ratio: Math.round(ratio * 100) / 100,
          };
        })
        .filter((m) => m.ratio < 4.5),
    );
    expect(failures).toEqual([]);
  },
);

test('a RAG is a word and a shape on a tinted chip, not coloured text', () => {
  const texts = textsIn(renderTeams(views.priorityStatus).content);
  for (const [word, style] of [
    ['◆ Red', 'attention'],
    ['▲ Amber', 'warning'],
    ['● Green', 'good'],
  ])
    expect(texts).toContainEqual({ text: word, color: 'default', subtle: false, style });
  expect(JSON.stringify(renderTeams(views.priorityStatus).content)).not.toMatch(
    /"color":"(Good|Warning|Attention)"/,
  );
  expect(textsIn(renderTeams(views.list).content).map((t) => t.text)).toEqual(
    expect.arrayContaining(['◆ Red', '▲ Amber', '● Green', 'Showing 9–11 of 19']),
  );
});

/** Every input a card asks for, anywhere in it. */
function inputsIn(node: Json, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const item of node) inputsIn(item, found);
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) found.push(n);
    for (const value of Object.values(n)) inputsIn(value, found);
  }
  return found;
}

test.each(all)('Teams %s card: every required input has a label and an error message', (_kind, view) => {
  const required = inputsIn(renderTeams(view).content).filter((i) => i.isRequired === true);
  expect(required.filter((i) => !(typeof i.errorMessage === 'string' && i.errorMessage.trim()))).toEqual([]);
  expect(required.filter((i) => !(typeof i.label === 'string' && i.label.trim()))).toEqual([]);
});

test('the update form asks for its value and its as-of date, each with its own message', () => {
  const required = inputsIn(renderTeams(views.updateForm).content).filter((i) => i.isRequired === true);
  expect(required.map((i) => [i.id, i.errorMessage])).toEqual([
    ['value', 'Enter the actual value'],
    ['asOf', 'Choose the date the value is as of'],
  ]);
});

test.each(all)('Teams %s card, as changed here, is valid Adaptive Card 1.5', (_kind, view) => {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(renderTeams(view).content, context);
  expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
  expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
});
