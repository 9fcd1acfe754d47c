import { parse as parseCsv } from 'csv-parse/sync';
import type { BotApp } from '../../bot/app';
import { Consultation, ConsultationResponse, Delivery } from '../../models';
import { useTestDatabase } from '../support/database';
import { runDue, startConsultationChat, type ConsultationChat } from '../support/chat';
import type { Recorded } from '../support/recording-connector';

// A consultation over real HTTP, on simulated days: composed by the policy team in Teams (errors,
// preview, approval of a large audience), sent to a Housing department on Teams and Slack (one
// never seen, so the 1:1 chat is created; one with no chat account), answered, nudged once,
// closed with results and exports.
useTestDatabase();
const SECRET = 'consult-secret';
let clock = new Date('2027-01-04T09:00:00Z');
let bot: BotApp;
let base: string;
let stub: ConsultationChat['stub'];
let chat: ConsultationChat['chat'];

beforeAll(async () => {
  ({ bot, base, stub, chat } = await startConsultationChat(SECRET, () => clock, {
    BROADCAST_APPROVAL_OVER: '3',
  }));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

/** Messages that reached a Teams user: in their known 1:1 chat, or one created for them. */
function teamsTo(calls: Recorded[], user: string): Recorded[] {
  const created = stub.calls
    .filter((c) => c.path === '/v3/conversations' && (c.body.members as { id: string }[])?.[0]?.id === user)
    .map((c) => c.answer?.id);
  return calls.filter((c) =>
    [`a:dm-${user}`, ...created].some((conv) => c.path.startsWith(`/v3/conversations/${conv}/activities`)),
  );
}
const slackTo = (calls: Recorded[], user: string) => calls.filter((c) => c.body.channel === `D-${user}`);

/** The path and query of a signed link, to fetch from the test server. */
const local = (url: string) => `${base}${new URL(url).pathname}${new URL(url).search}`;

const valid = {
  title: 'Housing strategy 2027',
  summary: 'We are reviewing how we allocate social housing. Tell us what matters to you.',
  link: 'https://consult.gov.uk/housing-strategy',
  questions: [
    'single: Do you support the draft? | Yes | No | Not sure',
    'multiple: Which matter most? | Repairs | New homes | Homelessness',
    'rating: How clear is the draft?',
    'text: Anything else?',
  ].join('\n'),
  closes: '2027-01-15 17:00',
  nudgeDays: '2',
  audience: 'department: Housing',
};

test('a consultation: compose, approve, send to Teams and Slack, answer, nudge once, close, export', async () => {
  for (const who of ['29:pat', '29:sam', '29:ann', '29:cllr']) await chat.say(who, 'hello');

  // Only the policy team composes; the form comes from chat.
  expect(await chat.say('29:ann', 'new consultation')).toContain('Only the policy team');
  expect(await chat.say('29:pat', 'new consultation')).toContain('New consultation');
  expect(await chat.execute('29:ann', 'composeConsultation', { do: 'send', ...valid })).toContain(
    'Only the policy team',
  );

  // Bad input comes back beside the fields, with what was typed; nothing is stored.
  const bad = await chat.execute('29:pat', 'composeConsultation', {
    do: 'send',
    ...valid,
    closes: '2026-12-01',
    questions: 'single: Do you agree? | Yes',
    audience: 'department: Nowhere',
  });
  expect(bad).toContain('The closing date must be in the future');
  expect(bad).toContain('needs at least two choices');
  expect(bad).toContain('Housing strategy 2027'); // kept
  const nobody = await chat.execute('29:pat', 'composeConsultation', {
    do: 'send',
    ...valid,
    audience: 'list: eve@consult.gov.uk',
  });
  expect(nobody).toContain('resolves to nobody the bot can reach');
  const malformed = await chat.execute('29:pat', 'composeConsultation', {
    do: 'send',
    ...valid,
    audience: 'list: ann@consult.gov.uk, not-an-email',
  });
  expect(malformed).toContain('These are not email addresses: \\"not-an-email\\"');
  expect(await Consultation.countDocuments()).toBe(0);

  // The preview shows the card and the count, to the author only, and sends nothing.
  const before = stub.calls.length;
  await chat.execute('29:pat', 'composeConsultation', { do: 'preview', ...valid });
  const preview = JSON.stringify(stub.calls.slice(before));
  expect(preview).toContain('Preview: only you can see this');
  expect(preview).toContain(
    'It goes to 4 people (Housing (department)); 1 named cannot be reached by the bot: eve@consult.gov.uk',
  );
  expect(stub.calls.slice(before).every((c) => c.path.includes('dm-29:pat'))).toBe(true);
  expect(await Delivery.countDocuments()).toBe(0);

  // Four recipients is over the approval limit of 3: a second policy officer must approve.
  const sent = await chat.execute('29:pat', 'composeConsultation', { do: 'send', ...valid });
  expect(sent).toContain('a second member of the policy team must approve it');
  const id = 'consultation:housing-strategy-2027-2027-01-15';
  expect(
    (await runDue(bot, stub.calls)).teams.filter((c) => JSON.stringify(c.body).includes('Approve and send')),
  ).toHaveLength(1); // to Sam
  expect(await chat.execute('29:pat', 'broadcastAction', { broadcast: id, do: 'approve' })).toContain(
    'not its author',
  );
  expect(await chat.execute('29:ann', 'broadcastAction', { broadcast: id, do: 'approve' })).toContain(
    'Only the policy team',
  );
  expect(await chat.execute('29:sam', 'broadcastAction', { broadcast: id, do: 'approve' })).toContain(
    'Approved',
  );

  // Sent: each reachable member of Housing once, on their platform; Cat's 1:1 chat is created.
  const out = await runDue(bot, stub.calls);
  for (const user of ['29:ann', '29:cat']) expect(teamsTo(out.teams, user)).toHaveLength(1);
  for (const user of ['UBOB', 'UDEE']) expect(slackTo(out.slack, user)).toHaveLength(1);
  expect(JSON.stringify(teamsTo(out.teams, '29:ann'))).toContain('Housing strategy 2027');
  expect(stub.calls.filter((c) => c.path === '/v3/conversations')).toHaveLength(1); // Cat's
  expect(await Delivery.countDocuments({ batch: id, status: 'sent' })).toBe(4);

  // Ann answers in Teams: a bad choice is returned beside the question; then valid; then changed.
  const c = 'housing-strategy-2027-2027-01-15';
  expect(await chat.execute('29:ann', 'answerConsultation', { consultation: c, q1: '7', q4: 'x' })).toContain(
    'Choose from the choices given',
  );
  expect(await ConsultationResponse.countDocuments()).toBe(0);
  const answered = await chat.execute('29:ann', 'answerConsultation', {
    consultation: c,
    q1: '0',
    q2: '0,2',
    q3: '4',
    q4: 'More repairs, <b>faster</b>',
  });
  expect(answered).toContain('Thank you: your answer was recorded');
  clock = new Date('2027-01-05T09:00:00Z');
  expect(
    await chat.execute('29:ann', 'answerConsultation', {
      consultation: c,
      q1: '2',
      q2: '0',
      q3: '5',
      q4: 'More repairs',
    }),
  ).toContain('Your answer was updated');
  expect(await ConsultationResponse.countDocuments()).toBe(1);
  // Someone it was not sent to cannot answer; a forged consultation id changes nothing.
  expect(await chat.execute('29:cllr', 'answerConsultation', { consultation: c, q1: '0' })).toContain(
    'was not sent to you',
  );
  expect(await chat.execute('29:ann', 'answerConsultation', { consultation: 'nope', q1: '0' })).toContain(
    'no longer exists',
  );

  // Bob answers in Slack, through the modal.
  const modal = await chat.slack({
    type: 'view_submission',
    team: { id: 'T1', domain: 'consult' },
    user: { id: 'UBOB', team_id: 'T1', name: 'bob' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trig',
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: 'answer_consultation',
      private_metadata: c,
      team_id: 'T1',
      state: {
        values: {
          q1: { q1: { type: 'static_select', selected_option: { value: '1' } } },
          q2: { q2: { type: 'multi_static_select', selected_options: [{ value: '1' }] } },
          q3: { q3: { type: 'static_select', selected_option: { value: '2' } } },
          q4: { q4: { type: 'plain_text_input', value: 'Build more' } },
        },
      },
    },
  });
  expect(modal.status).toBe(200);
  expect(await ConsultationResponse.countDocuments()).toBe(2);

  // Two days before closing, those who have not answered are nudged — once.
  clock = new Date('2027-01-13T17:00:00Z');
  const nudged = await runDue(bot, stub.calls);
  expect(teamsTo(nudged.teams, '29:cat')).toHaveLength(1);
  expect(slackTo(nudged.slack, 'UDEE')).toHaveLength(1);
  expect(teamsTo(nudged.teams, '29:ann')).toHaveLength(0);
  expect(slackTo(nudged.slack, 'UBOB')).toHaveLength(0);
  expect(JSON.stringify(nudged)).toContain('Reminder: this consultation closes');
  clock = new Date('2027-01-14T09:00:00Z');
  const again = await runDue(bot, stub.calls);
  expect(again.teams.length + again.slack.length).toBe(0);

  // At closing the author gets the results; later answers are refused.
  clock = new Date('2027-01-15T17:01:00Z');
  const closed = await runDue(bot, stub.calls);
  const results = JSON.stringify(teamsTo(closed.teams, '29:pat'));
  expect(results).toContain('2 responses from 4 people (50%)');
  expect(results).toContain('Not sure');
  expect(results).toContain('Build more');
  expect(await chat.execute('29:ann', 'answerConsultation', { consultation: c, q1: '0' })).toContain(
    'closed on',
  );

  // Exports through signed links: CSV and Excel of every response; the chart; a forged link fails.
  const urls = results.split('"').filter((s) => /^https?:\/\/[^\\?]+\?sig=[\w-]+$/.test(s));
  const csvUrl = urls.find((u) => u.includes('.csv')) as string;
  const csv = await fetch(local(csvUrl));
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<
    string,
    string
  >[];
  expect(rows.map((r) => [r.Recipient, r['Do you support the draft?'], r['Which matter most?']])).toEqual([
    ['ann@consult.gov.uk', 'Not sure', 'Repairs'],
    ['bob@consult.gov.uk', 'No', 'New homes'],
  ]);
  const xlsx = await fetch(local(urls.find((u) => u.includes('.xlsx')) as string));
  expect(xlsx.status).toBe(200);
  expect(
    Buffer.from(await xlsx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const png = await fetch(local(urls.find((u) => u.includes('.png')) as string));
  expect(png.headers.get('content-type')).toBe('image/png');
  expect((await fetch(local(csvUrl.replace(/sig=[\w-]+/, 'sig=forged')))).status).toBe(403);

  // The broadcast's status for the policy team: everyone reached, nothing failed.
  const status = await chat.say('29:pat', `broadcast status ${id}`);
  expect(status).toContain('Sent');
  expect(status).toMatch(/"title":"Sent","value":"4"/);
  expect(await chat.say('29:ann', `broadcast status ${id}`)).toContain('Only the policy team');
});
