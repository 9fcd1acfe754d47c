import { type BotApp } from '../../../bot/app';
import { Consultation, Delivery } from '../../../models';
import { importFixture, startTestBot } from '../../support/bot-app';
import { chatClient, runDue } from '../../support/chat';
import { useTestDatabase } from '../../support/database';
import type { Recorded } from '../../support/recording-connector';
import { rateLimited, startSlackApiStub, type StubAnswer } from './web-api-stub';

// A 429 from Slack is the platform asking us to wait, never a failure, and it never holds a request
// for its Retry-After: every 429 goes to whoever made the call at once — the outbox dispatcher
// (which pauses Slack and tries again) or the person's request (which says so). Real HTTP, signed
// requests, a Slack Web API stub that answers 429 where told, the real database.
useTestDatabase();
const SECRET = 'throttling-secret';
let clock = new Date('2027-01-04T10:00:00Z');
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startSlackApiStub>>;
let chat: ReturnType<typeof chatClient>;
/** What the stub answers; each test sets its own. */
let answer: (call: Recorded, earlier: number) => StubAnswer | undefined = () => undefined;

beforeAll(async () => {
  await importFixture('test/fixtures/broadcast-people.yaml', 'pat@broadcast.gov.uk');
  stub = await startSlackApiStub((call, earlier) => answer(call, earlier));
  ({ bot } = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${stub.url}/api/`,
      OUTBOX_MAX_ATTEMPTS: '3',
    },
    { now: () => clock },
  ));
  const base = `http://127.0.0.1:${(bot.server.address() as { port: number }).port}`;
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
const who = (id: string) => ({ id, username: id.toLowerCase(), name: id, team_id: 'T1' });
const compose = (values: Record<string, string>) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 'broadcast' },
  user: who('UPAT'),
  api_app_id: 'A1',
  trigger_id: `trigger-${++seq}`,
  view: {
    id: 'V1',
    type: 'modal',
    callback_id: 'compose_consultation',
    private_metadata: '',
    team_id: 'T1',
    state: {
      values: {
        ...Object.fromEntries(
          Object.entries(values).map(([k, value]) => [k, { [k]: { type: 'plain_text_input', value } }]),
        ),
        mode: { mode: { type: 'checkboxes', selected_options: [] } },
      },
    },
  },
});
const CONSULTATION = {
  title: 'Bus routes 2027',
  summary: 'Which bus routes matter most to you?',
  questions: 'single: Do you use the number 14? | Yes | No',
  closes: '2027-01-20',
};
/** Calls to a Web API method since `before`, waiting (a bounded while) for at least `count`. */
async function callsTo(method: string, before: number, count = 1): Promise<Recorded[]> {
  const calls = () => stub.calls.slice(before).filter((c) => c.path === `/api/${method}`);
  for (let i = 0; i < 250 && calls().length < count; i++) await sleep(20);
  return calls();
}

test('a consultation to a Slack user whose chat.postMessage answers 429 three times is sent, no failure counted', async () => {
  // Slack throttles the first three messages to Ann's DM (Retry-After: 1 s).
  answer = (call) =>
    call.path === '/api/chat.postMessage' &&
    call.body.channel === 'D-UANN' &&
    stub.calls.filter((c) => c.path === call.path && c.body.channel === 'D-UANN').length <= 3
      ? rateLimited(1)
      : undefined;
  const sent = await chat.slack(compose({ ...CONSULTATION, audience: 'list: ann@broadcast.gov.uk' }));
  expect(sent).toEqual({ status: 200, text: '' });
  const id = String((await Consultation.findOne().lean())?._id);

  clock = new Date('2027-01-04T10:01:00Z');
  await runDue(bot, stub.calls);
  const delivery = { batch: `consultation:${id}`, person: 'ann@broadcast.gov.uk' };
  // Each 429 pauses Slack for its Retry-After and moves the delivery on by as much: move the clock
  // too, and drain again until the delivery is settled (a bounded number of rounds).
  for (let round = 0; round < 10; round++) {
    const d = await Delivery.findOne(delivery).lean();
    if (d?.status !== 'pending') break;
    clock = new Date(clock.getTime() + 1000);
    await bot.dispatcher.drain();
  }
  expect(await Delivery.findOne(delivery).lean()).toMatchObject({
    status: 'sent',
    attempts: 4,
    failures: 0,
  });
  const toAnn = stub.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.channel === 'D-UANN');
  expect(toAnn).toHaveLength(4);
  expect(JSON.stringify(toAnn[3]?.body)).toContain('Bus routes 2027');
});

test('every Web API method the bot calls hands a 429 back at once, with its Retry-After', async () => {
  answer = () => rateLimited(30);
  const client = bot.slack?.client;
  if (!client) throw new Error('Slack is on in this test');
  const calls: [string, () => Promise<unknown>][] = [
    ['chat.postMessage', () => client.chat.postMessage({ channel: 'D1', text: 'x' })],
    ['chat.postEphemeral', () => client.chat.postEphemeral({ channel: 'D1', user: 'UANN', text: 'x' })],
    ['chat.update', () => client.chat.update({ channel: 'D1', ts: '1.1', text: 'x' })],
    [
      'views.open',
      () =>
        client.views.open({
          trigger_id: 't',
          view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
        }),
    ],
    [
      'views.update',
      () =>
        client.views.update({
          view_id: 'V1',
          view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
        }),
    ],
    ['conversations.open', () => client.conversations.open({ users: 'UANN' })],
    ['conversations.members', () => client.conversations.members({ channel: 'C0123456' })],
    ['conversations.list', () => client.conversations.list({})],
    ['auth.test', () => client.auth.test()],
  ];
  const errors = await Promise.all(calls.map(([, call]) => call().catch((e: unknown) => e)));
  for (const [i, error] of errors.entries())
    expect([calls[i]?.[0], error]).toEqual([
      calls[i]?.[0],
      expect.objectContaining({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 }),
    ]);
});

test('a 429 on views.open is answered at once: the person is told, not left waiting 30 s', async () => {
  answer = (call) => (call.path === '/api/views.open' ? rateLimited(30) : undefined);
  const before = stub.calls.length;
  const click = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'broadcast' },
    user: who('UPAT'),
    api_app_id: 'A1',
    trigger_id: `trigger-${++seq}`,
    channel: { id: 'D-UPAT', name: 'directmessage' },
    message: { ts: '1767520800.000100', type: 'message', text: '' },
    actions: [{ type: 'button', action_id: 'open_compose', block_id: 'b', value: 'compose', action_ts: '1' }],
  };
  expect((await chat.slack(click)).status).toBe(200);
  const told = await callsTo('chat.postMessage', before);
  expect(told.map((c) => c.body.channel)).toEqual(['UPAT']);
  expect(JSON.stringify(told[0]?.body)).toContain('Sorry, that did not work');
});

test('a 429 listing a Slack channel tells the author to wait, beside the audience', async () => {
  answer = (call) => (call.path === '/api/conversations.members' ? rateLimited(30) : undefined);
  const res = await chat.slack(
    compose({ ...CONSULTATION, title: 'Channel test', audience: 'slack channel: C0123456' }),
  );
  const errors = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
  expect(errors.response_action).toBe('errors');
  expect(errors.errors.audience).toContain('Slack is asking us to slow down: try again in 30 seconds');
});
