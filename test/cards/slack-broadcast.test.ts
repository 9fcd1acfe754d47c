import {
  BROADCAST_ACTION,
  OPEN_COMPOSE,
  OPEN_CONSULTATION,
  renderBroadcastSlack,
  RSVP,
  type BroadcastView,
} from '../../cards/slack/broadcast';
import { COMPOSE_MODAL, composeModal, PREVIEW_BLOCK } from '../../cards/slack/compose-modal';
import { ANSWER_MODAL, answeredModal, consultationModal } from '../../cards/slack/consultation-modal';
import type { Block } from '../../cards/slack/render';
import { renderSlack } from '../../cards/slack/render';
import { inert, pieces } from '../../cards/slack/text';
import type { ConsultationView, WorkshopView } from '../../services/answers/views';
import { AUDIENCE_HELP } from '../../services/broadcast/audience';
import { checkAnswers, QUESTIONS_HELP } from '../../services/consultation/questions';

const HOSTILE = '<!channel> <@U123> & <https://evil.example|click>';

const consultation: ConsultationView = {
  kind: 'consultation',
  id: 'budget-2027-28-2027-01-15',
  header: 'Consultation from the policy team',
  title: `Budget 2027/28 ${HOSTILE}`,
  summary: `What should we protect? ${HOSTILE}`,
  link: 'https://council.gov.uk/budget?a=1&b=2',
  closes: 'Fri 15 Jan 2027, 17:00',
  questions: [
    { id: 'q1', kind: 'single', prompt: `Do you agree? ${HOSTILE}`, options: ['Yes', 'No'] },
    { id: 'q2', kind: 'multiple', prompt: 'Which areas?', options: ['Housing', 'Parks', `Roads ${HOSTILE}`] },
    { id: 'q3', kind: 'rating', prompt: 'How clear is it?', options: [] },
    { id: 'q4', kind: 'text', prompt: 'Anything else?', options: [] },
  ],
  values: { q1: '1', q2: '0,2', q3: '4', q4: `More buses ${HOSTILE}` },
  errors: { q4: 'Keep it under 2,000 characters.' },
  note: 'Recorded Mon 4 Jan 2027, 10:00.',
  readOnly: false,
};
const workshop: WorkshopView = {
  kind: 'workshop',
  id: 'priorities-2027-03-16',
  header: 'Workshop invitation',
  title: 'Priorities workshop',
  description: `Round two. ${HOSTILE}`,
  when: 'Tue 16 Mar 2027, 14:00–16:00',
  where: 'Town Hall, Committee Room 1',
  link: 'https://meet.example/abc',
  places: '3 of 20 places left',
  answer: 'You are attending',
  calendarUrl: 'https://bot.example/files/workshop/priorities-2027-03-16.ics?sig=x',
  readOnly: false,
};
const views: BroadcastView[] = [
  consultation,
  {
    kind: 'consultationResults',
    id: 'budget-2027-28-2027-01-15',
    title: 'Budget 2027/28',
    status: 'Closed Fri 15 Jan 2027, 17:00: 2 responses from 3 people (67%)',
    questions: [
      {
        prompt: 'Do you agree?',
        tallies: [
          { label: 'Yes', count: 2, percent: 100 },
          { label: 'No', count: 0, percent: 0 },
        ],
        chartUrl: 'https://bot.example/files/consultation/b/q1.png?sig=x',
        answers: [],
        answerCount: 0,
      },
      {
        prompt: 'Anything else?',
        tallies: [],
        answers: [`More buses ${HOSTILE}`],
        answerCount: 7,
      },
    ],
    exports: [
      { label: 'Download CSV', url: 'https://bot.example/files/consultation/b.csv?sig=x' },
      { label: 'Download Excel', url: 'https://bot.example/files/consultation/b.xlsx?sig=x' },
    ],
  },
  {
    kind: 'composeConsultation',
    values: { title: 'Budget' },
    errors: { closes: `In the past ${HOSTILE}` },
    problem: 'The message is too long for Teams.',
  },
  workshop,
  {
    kind: 'broadcastStatus',
    id: 'consultation:budget-2027-28-2027-01-15',
    title: 'Budget 2027/28',
    audience: 'everyone known to the bot: 1,204 people',
    status: 'Sending',
    counts: { sent: 1000, pending: 200, failed: 4, cancelled: 0 },
    failures: [`jo@council.gov.uk (teams): 403 ${HOSTILE}`],
    note: 'The platform is asking us to slow down.',
    actions: ['approve', 'cancel', 'resend'],
  },
];

/** Every text in a Block Kit tree within Slack's published limits; returns the problems found. */
function overLimits(blocks: Block[]): string[] {
  const problems: string[] = [];
  const textOf = (t: unknown) => (t as { text?: string } | undefined)?.text ?? '';
  for (const [i, b] of blocks.entries()) {
    if (b.type === 'section' && textOf(b.text).length > 3000) problems.push(`${i}: section over 3,000`);
    if (b.type === 'section' && !b.text && !b.fields) problems.push(`${i}: empty section`);
    const fields = (b.fields as unknown[] | undefined) ?? [];
    if (fields.length > 10 || fields.some((f) => textOf(f).length > 2000)) problems.push(`${i}: fields`);
    if (b.type === 'header' && textOf(b.text).length > 150) problems.push(`${i}: header over 150`);
    if (b.type === 'context' && (b.elements as unknown[]).some((e) => textOf(e).length > 2000))
      problems.push(`${i}: context over 2,000`);
    if (b.type === 'actions')
      for (const e of b.elements as Block[]) {
        if (textOf(e.text).length > 75) problems.push(`${i}: button label over 75`);
        if (String(e.value ?? '').length > 2000) problems.push(`${i}: button value over 2,000`);
      }
    if (b.type === 'image' && (!b.alt_text || String(b.alt_text).length > 2000)) problems.push(`${i}: alt`);
  }
  if (blocks.length > 50) problems.push(`${blocks.length} blocks`);
  return problems;
}
const buttonsOf = (blocks: Block[]) =>
  blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Block[]);

test.each(views.map((v) => [v.kind, v] as const))(
  'Slack %s: within Block Kit limits, user text inert, reached through renderSlack',
  (_kind, view) => {
    const message = renderBroadcastSlack(view);
    expect(renderSlack(view)).toEqual(message);
    expect(message.text.length).toBeGreaterThan(0);
    expect(overLimits(message.blocks)).toEqual([]);
    const json = JSON.stringify(message);
    expect(json).toContain('&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<https://evil');
  },
);

test('a consultation shows its questions, the answers by label, the error and the Answer button', () => {
  const { blocks } = renderBroadcastSlack(consultation);
  const json = JSON.stringify(blocks);
  for (const fact of [
    'Consultation from the policy team',
    'Closes Fri 15 Jan 2027, 17:00',
    'Choose one: Yes · No',
    'Your answer: No',
    'Your answer: Housing, Roads',
    'Your answer: 4 out of 5',
    ':warning: Keep it under 2,000 characters.',
    'Recorded Mon 4 Jan 2027, 10:00.',
    // The document link survives as a link; its & is escaped as Slack asks.
    '<https://council.gov.uk/budget?a=1&amp;b=2|Read the full document>',
  ])
    expect(json).toContain(fact);
  expect(buttonsOf(blocks)).toEqual([
    expect.objectContaining({ action_id: OPEN_CONSULTATION, value: consultation.id, style: 'primary' }),
  ]);
  expect(buttonsOf(renderBroadcastSlack({ ...consultation, readOnly: true }).blocks)).toEqual([]);
});

test('a 20,000-character summary is split over sections of at most 3,000, nothing lost', () => {
  const sentence = 'Fees & charges <rise> by 3% in 2027/28, and the reserves are used for the rest. ';
  const summary = sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 20_000);
  const { blocks } = renderBroadcastSlack({ ...consultation, summary });
  expect(overLimits(blocks)).toEqual([]);
  const texts = blocks
    .filter((b) => b.type === 'section')
    .map((b) => (b.text as { text: string }).text)
    .filter((t) => t.startsWith('Fees') || t.startsWith('charges') || t.includes('reserves'));
  expect(texts.length).toBeGreaterThanOrEqual(8); // 20,000 characters become ~23,000 once escaped
  // No piece ends inside an escape such as &amp; and, joined again, they are the whole summary.
  for (const t of texts) expect(t).not.toMatch(/&[a-z]{0,3}$/);
  const inerted = summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  expect(texts.join(' ').replace(/\s+/g, ' ')).toBe(inerted.trim().replace(/\s+/g, ' '));
  // So the message's true size is visible to cards/fits.ts, not hidden by a clip.
  expect(JSON.stringify(blocks).length).toBeGreaterThan(23_000);
});

test('pieces breaks at words, never inside an escape, a surrogate pair or a kept-literal `*`', () => {
  const texts = (text: string, max: number) => pieces(inert(text), max).map((p) => p.text);
  const escaped = '&'.repeat(1000); // no spaces: only escapes to respect
  for (const p of texts(escaped, 3001)) expect(p).toMatch(/^(&amp;)+$/);
  const emoji = '😀'.repeat(2000);
  const cut = texts(emoji, 3001);
  expect(cut.join('')).toBe(emoji);
  for (const p of cut) expect(p.length % 2).toBe(0);
  // A `*` kept from formatting travels with its zero-width spaces: no piece starts or ends bare.
  for (const p of texts('*'.repeat(2000), 1000)) expect(p).toMatch(/^(\u200b\*\u200b)+$/);
  expect(texts('one two three', 8)).toEqual(['one two', 'three']);
  expect(texts('', 10)).toEqual([]);
});

test('results: tallies as text, the chart as an image, the first free-text answers and the exports', () => {
  const view = views[1];
  if (view?.kind !== 'consultationResults') throw new Error('fixture');
  const { blocks } = renderBroadcastSlack(view);
  const json = JSON.stringify(blocks);
  for (const fact of [
    'Closed Fri 15 Jan 2027, 17:00: 2 responses from 3 people (67%)',
    'Yes: 2 (100%)',
    'No: 0 (0%)',
    '7 answers, the first 1:',
    '<https://bot.example/files/consultation/b.csv?sig=x|Download CSV>',
    '<https://bot.example/files/consultation/b.xlsx?sig=x|Download Excel>',
  ])
    expect(json).toContain(fact);
  expect(blocks.filter((b) => b.type === 'image')).toEqual([
    {
      type: 'image',
      image_url: 'https://bot.example/files/consultation/b/q1.png?sig=x',
      alt_text: 'Chart of the answers to: Do you agree?',
    },
  ]);
  // Slack fetches images itself and refuses a message whose image it cannot reach: a local one is a link.
  const local = renderBroadcastSlack({
    ...view,
    questions: view.questions.map((q) => ({
      ...q,
      chartUrl: q.chartUrl?.replace('https://bot.example', 'http://localhost:3978'),
    })),
  });
  expect(local.blocks.filter((b) => b.type === 'image')).toEqual([]);
  expect(JSON.stringify(local.blocks)).toContain('|Chart>');
});

test('workshop: when, where, places, answer, calendar link and Attend / Decline / Maybe', () => {
  const { blocks } = renderBroadcastSlack(workshop);
  const json = JSON.stringify(blocks);
  for (const fact of [
    'Tue 16 Mar 2027, 14:00–16:00',
    'Town Hall, Committee Room 1',
    '<https://meet.example/abc|Join online>',
    '3 of 20 places left',
    '*You are attending*',
    `<${workshop.calendarUrl}|Add to calendar>`,
  ])
    expect(json).toContain(fact);
  expect(buttonsOf(blocks).map((b) => [b.action_id, b.value])).toEqual([
    [RSVP.attend, workshop.id],
    [RSVP.decline, workshop.id],
    [RSVP.maybe, workshop.id],
  ]);
  expect(buttonsOf(renderBroadcastSlack({ ...workshop, readOnly: true }).blocks)).toEqual([]);
});

test('broadcast status: counts, failures, note and one button per action, cancel asking first', () => {
  const view = views[4];
  if (view?.kind !== 'broadcastStatus') throw new Error('fixture');
  const { blocks } = renderBroadcastSlack(view);
  const json = JSON.stringify(blocks);
  for (const fact of ['*Sent*\\n1,000', '*Pending*\\n200', '*Failed*\\n4', '*Cancelled*\\n0', 'slow down'])
    expect(json).toContain(fact);
  const buttons = buttonsOf(blocks);
  expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
    [BROADCAST_ACTION.approve, view.id],
    [BROADCAST_ACTION.cancel, view.id],
    [BROADCAST_ACTION.resend, view.id],
  ]);
  expect(buttons[1]?.confirm).toBeDefined();
  expect(buttonsOf(renderBroadcastSlack({ ...view, actions: [] }).blocks)).toEqual([]);
});

test('compose message: the problem, the errors by field and the button that opens the form', () => {
  const { blocks } = renderBroadcastSlack(views[2] as BroadcastView);
  const json = JSON.stringify(blocks);
  expect(json).toContain(':warning: The message is too long for Teams.');
  expect(json).toContain('*Closes*: In the past');
  expect(buttonsOf(blocks)).toEqual([
    expect.objectContaining({
      action_id: OPEN_COMPOSE,
      text: { type: 'plain_text', text: 'Open the consultation form' },
    }),
  ]);
});

type Option = { text: { text: string }; value: string };
const inputsOf = (modal: Block) => (modal.blocks as Block[]).filter((b) => b.type === 'input');
const elementOf = (b: Block | undefined) => (b?.element ?? {}) as Block & { options?: Option[] };

test('the answer modal: one optional input per question, choices valued by their option number', () => {
  const modal = consultationModal(consultation);
  expect(modal).toMatchObject({
    type: 'modal',
    callback_id: ANSWER_MODAL,
    private_metadata: consultation.id,
  });
  expect(String((modal.title as { text: string }).text).length).toBeLessThanOrEqual(24);
  const inputs = inputsOf(modal);
  expect(inputs.map((b) => [b.block_id, elementOf(b).action_id, elementOf(b).type, b.optional])).toEqual([
    ['q1', 'q1', 'static_select', true],
    ['q2', 'q2', 'multi_static_select', true],
    ['q3', 'q3', 'static_select', true],
    ['q4', 'q4', 'plain_text_input', true],
  ]);
  const [single, multiple, rating, text] = inputs.map(elementOf);
  expect(single?.options?.map((o) => o.value)).toEqual(['0', '1']);
  expect(multiple?.options?.map((o) => o.value)).toEqual(['0', '1', '2']);
  expect(rating?.options?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
  expect(text).toMatchObject({ multiline: true, max_length: 2000, initial_value: consultation.values.q4 });
  // What was answered before is selected again, as the very option objects offered.
  expect(single?.initial_option).toEqual(single?.options?.[1]);
  expect(multiple?.initial_options).toEqual([multiple?.options?.[0], multiple?.options?.[2]]);
  expect(rating?.initial_option).toEqual(rating?.options?.[3]);
  // The values the modal sends are the ones the service understands.
  const checked = checkAnswers(consultation.questions, {
    q1: single?.options?.[0]?.value,
    q2: [multiple?.options?.[1]?.value, multiple?.options?.[2]?.value],
    q3: rating?.options?.[4]?.value,
  });
  expect(checked).toEqual({ ok: true, answers: { q1: 'Yes', q2: ['Parks', `Roads ${HOSTILE}`], q3: '5' } });
  // Slack's limits: option text 75, label 2,000; user text in the mrkdwn above the inputs is inert.
  const long = consultationModal({
    ...consultation,
    questions: [{ id: 'q1', kind: 'single', prompt: 'Pick', options: ['x'.repeat(80), 'y'] }],
    values: {},
  });
  expect(elementOf(inputsOf(long)[0]).options?.[0]?.text.text.length).toBeLessThanOrEqual(75);
  // mrkdwn is escaped; plain_text (labels, options, typed values) is never parsed, so it stays as written.
  const mrkdwn = JSON.stringify(modal.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
  expect(mrkdwn.length).toBeGreaterThan(2);
  for (const m of mrkdwn) expect(m).not.toMatch(/<!channel>|<@U123>/);
  expect(inputs[0]?.label).toEqual({ type: 'plain_text', text: consultation.questions[0]?.prompt });
});

test('a closed or preview consultation opens as a modal with nothing to submit; an answer is confirmed', () => {
  const closed = consultationModal({ ...consultation, readOnly: true });
  expect(closed.submit).toBeUndefined();
  expect(closed.callback_id).toBeUndefined();
  expect((closed.blocks as Block[]).some((b) => b.type === 'actions' || b.type === 'input')).toBe(false);
  const done = answeredModal({ ...consultation, header: 'Thank you: your answer was recorded', errors: {} });
  const json = JSON.stringify(done);
  expect(json).toContain('Thank you: your answer was recorded');
  expect(json).toContain('Your answer: Housing, Roads');
  expect(json).toContain('Recorded Mon 4 Jan 2027, 10:00.');
  expect(done.submit).toBeUndefined();
});

test('the compose modal: every field named for its errors, the syntax help, the preview box, values kept', () => {
  const empty = composeModal({ kind: 'composeConsultation', values: {}, errors: {} });
  expect(empty).toMatchObject({ type: 'modal', callback_id: COMPOSE_MODAL });
  const inputs = inputsOf(empty);
  expect(inputs.map((b) => [b.block_id, elementOf(b).action_id])).toEqual(
    ['title', 'summary', 'link', 'questions', 'closes', 'nudgeDays', 'audience', 'sendAt', PREVIEW_BLOCK].map(
      (f) => [f, f],
    ),
  );
  const hint = (id: string) => (inputs.find((b) => b.block_id === id)?.hint as { text: string }).text;
  expect(hint('questions')).toBe(QUESTIONS_HELP);
  expect(hint('audience')).toBe(AUDIENCE_HELP);
  expect(elementOf(inputs.find((b) => b.block_id === 'summary'))).toMatchObject({
    multiline: true,
    max_length: 3000,
  });
  expect(elementOf(inputs.at(-1))).toMatchObject({
    type: 'checkboxes',
    options: [{ text: { text: 'Preview only (send nothing)' }, value: 'preview' }],
  });
  expect(inputs.filter((b) => elementOf(b).initial_value !== undefined)).toEqual([]);

  const typed = composeModal(
    {
      kind: 'composeConsultation',
      values: {
        title: 'Budget 2027/28',
        questions: 'single: Agree? | Yes | No',
        closes: '2027-01-15',
        summary: 'x'.repeat(5000),
      },
      errors: {},
      problem: `Too long for Teams ${HOSTILE}`,
    },
    true,
  );
  const filled = Object.fromEntries(inputsOf(typed).map((b) => [b.block_id, elementOf(b).initial_value]));
  expect(filled).toMatchObject({
    title: 'Budget 2027/28',
    questions: 'single: Agree? | Yes | No',
    closes: '2027-01-15',
  });
  expect(String(filled.summary).length).toBe(3000); // Slack refuses an initial value over the input's maximum
  expect(elementOf(inputsOf(typed).at(-1)).initial_options).toHaveLength(1);
  const top = JSON.stringify((typed.blocks as Block[])[0]);
  expect(top).toContain(':warning: Too long for Teams &lt;!channel&gt;');
});

test('a cancelled workshop: the headline is the header, with no places, answer, link or button', () => {
  const cancelled: WorkshopView = {
    ...workshop,
    header: 'Cancelled: this workshop will not take place',
    places: '',
    answer: undefined,
    link: undefined,
    calendarUrl: undefined,
    readOnly: true,
    cancelled: true,
  };
  const { blocks, text } = renderBroadcastSlack(cancelled);
  expect(blocks[0]).toMatchObject({ type: 'header', text: { text: cancelled.header } });
  expect(text).toContain('Cancelled: this workshop will not take place');
  expect(buttonsOf(blocks)).toEqual([]);
  expect(blocks.filter((b) => b.type === 'context')).toEqual([]); // no empty places line
  for (const gone of ['You are attending', 'Join online', 'Add to calendar'])
    expect(JSON.stringify(blocks)).not.toContain(gone);
});

test('broadcast status: the counts come before the audience, which is one context line', () => {
  const view = views[4];
  if (view?.kind !== 'broadcastStatus') throw new Error('fixture');
  const { blocks } = renderBroadcastSlack(view);
  const counts = blocks.findIndex((b) => Array.isArray(b.fields));
  const audience = blocks.findIndex((b) => JSON.stringify(b).includes('1,204 people'));
  expect(counts).toBe(2);
  expect(audience).toBe(counts + 1);
  expect(blocks[audience]?.type).toBe('context');
});
