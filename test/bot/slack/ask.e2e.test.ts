import { Identity } from '../../../models';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector } from '../../support/recording-connector';
import { slackHeaders } from '../../support/slack-signing';
import { importFixture, startTestBot } from '../../support/bot-app';

useTestDatabase();
const SECRET = 'test-signing-secret';
let close: () => void;
let base: string;
let slackApi: Awaited<ReturnType<typeof startRecordingConnector>>;

beforeAll(async () => {
  await importFixture('test/fixtures/small-plan.yaml');
  slackApi = await startRecordingConnector();
  ({ base, close } = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${slackApi.url}/api/`,
  }));
});
afterAll(async () => {
  close();
  await slackApi.close();
});

async function send(
  body: string,
  contentType: string,
  headers: Record<string, string> = slackHeaders(SECRET, body, contentType),
) {
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
const command = (text: string) =>
  new URLSearchParams({
    command: '/plan',
    text,
    user_id: 'UANN',
    channel_id: 'D1',
    team_id: 'T1',
    response_url: `${slackApi.url}/respond`,
    trigger_id: 't',
  }).toString();
const event = (inner: Record<string, unknown>) =>
  JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: `Ev${Math.random()}`,
    event_time: 1,
    event: inner,
  });

test.each([
  ['status of CS.1', ['38.2%', 'XX%', '45%', '*● Green* · ↑ Latest: 41% as of 30 Sept 2026']],
  ['cs-1', ['Recycle more household waste.']],
  ['status of CS.9', ["I couldn't find CS.9 in the plan — did you mean CS.1?"]],
  // One priority found: its card, with its figures.
  ['anything about recycling?', ['CS.1 · Clean streets', 'Recycle more household waste.', '38.2%']],
])('/plan %s answers in the acknowledgement', async (text, facts) => {
  const { status, text: reply } = await send(command(text), 'application/x-www-form-urlencoded');
  expect(status).toBe(200);
  for (const fact of facts) expect(reply).toContain(fact);
});

async function viaWebApi(body: string): Promise<string> {
  const before = slackApi.calls.length;
  // Bolt may call auth.test once, to learn its own user id; the answer is the chat.postMessage.
  const posted = () => slackApi.calls.slice(before).filter((c) => c.path === '/api/chat.postMessage');
  expect((await send(body, 'application/json')).status).toBe(200);
  for (let i = 0; i < 100 && posted().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(posted()).toHaveLength(1);
  return JSON.stringify(posted()[0]?.body);
}

test('a direct message and an app mention get the same facts through chat.postMessage', async () => {
  const dm = await viaWebApi(
    event({
      type: 'message',
      channel_type: 'im',
      channel: 'D1',
      user: 'UANN',
      text: 'status of LE.1',
      ts: '1.1',
    }),
  );
  expect(dm).toContain('2.94');
  const mention = await viaWebApi(
    event({ type: 'app_mention', channel: 'C1', user: 'UANN', text: '<@UBOT> status of LE.1', ts: '1.2' }),
  );
  expect(mention).toContain('2.94');
});

test('forged, stale and missing signatures are refused with 401', async () => {
  const body = command('help');
  const form = 'application/x-www-form-urlencoded';
  expect((await send(body, form, slackHeaders('wrong-secret', body, form))).status).toBe(401);
  expect(
    (await send(body, form, slackHeaders(SECRET, body, form, Math.floor(Date.now() / 1000) - 600))).status,
  ).toBe(401);
  expect((await send(body, form, { 'content-type': form })).status).toBe(401);
});

test('an event delivered twice is answered once, a retry of one never handled is answered; the URL check is answered', async () => {
  const posts = () => slackApi.calls.filter((c) => c.path === '/api/chat.postMessage').length;
  const retry = (body: string) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { ...slackHeaders(SECRET, body, 'application/json'), 'x-slack-retry-num': '1' },
      body,
    });
  const settle = async (count: number) => {
    for (let i = 0; i < 100 && posts() < count; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // to show that nothing more comes
  };
  const body = event({ type: 'app_mention', channel: 'C1', user: 'UANN', text: '<@UBOT> help', ts: '1.3' });
  const before = posts();
  expect((await send(body, 'application/json')).status).toBe(200);
  await settle(before + 1);
  expect((await retry(body)).status).toBe(200);
  expect((await send(body, 'application/json')).status).toBe(200); // a replay, signed again
  await settle(before + 1);
  expect(posts()).toBe(before + 1);

  // The first delivery never got in (say the bot was restarting): Slack's retry is the one answered.
  const missed = event({ type: 'app_mention', channel: 'C1', user: 'UANN', text: '<@UBOT> help', ts: '1.4' });
  expect((await retry(missed)).status).toBe(200);
  await settle(before + 2);
  expect(posts()).toBe(before + 2);
  const check = JSON.stringify({ type: 'url_verification', challenge: 'abc' });
  expect(await send(check, 'application/json')).toEqual({ status: 200, text: '{"challenge":"abc"}' });
});

test('bad input: garbage bodies and huge text get a clear answer, never a 5xx', async () => {
  expect((await send('{not json', 'application/json')).status).toBe(400);
  const long = await send(command('x'.repeat(10_000)), 'application/x-www-form-urlencoded');
  expect(long.status).toBe(200);
  expect(long.text).toContain('please ask in fewer than 500');
  expect((await send(command(''), 'application/x-www-form-urlencoded')).text).toContain(
    'Ask me about the corporate plan',
  );
});

test('"my targets" knows the Slack user from the plan, and remembers where to reach them', async () => {
  const { text } = await send(command('my targets'), 'application/x-www-form-urlencoded');
  expect(text).toContain('Your targets');
  expect(await Identity.findById('slack:T1:UANN').lean()).toMatchObject({
    person: 'ann.owner@test.gov.uk',
    reference: { team: 'T1', user: 'UANN', channel: 'D1' },
  });
});
