import { importFixture, startTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import type { Recorded } from '../../support/recording-connector';
import { argsOf, callsAfter, dm, slackEvents } from './events';
import { rateLimited, startSlackApiStub, type StubAnswer } from './web-api-stub';

// No Web API call on the path of every event: the bot learns its Slack identity with one auth.test
// per process, and no event waits for it — not even when auth.test is throttled for 30 s. Two bots
// over real HTTP, each with a Slack Web API stub of its own.
useTestDatabase();
const SECRET = 'identity-secret';
const IDENTITY = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };

async function startBot(answer: (call: Recorded) => StubAnswer | undefined) {
  const stub = await startSlackApiStub(answer);
  const { base, close } = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  });
  return { stub, slack: slackEvents(base, SECRET), close: async () => (close(), await stub.close()) };
}
let answering: Awaited<ReturnType<typeof startBot>>;
let throttled: Awaited<ReturnType<typeof startBot>>;

beforeAll(async () => {
  await importFixture('test/fixtures/small-plan.yaml');
  answering = await startBot((call) => (call.path === '/api/auth.test' ? { body: IDENTITY } : undefined));
  throttled = await startBot((call) => (call.path === '/api/auth.test' ? rateLimited(30) : undefined));
});
afterAll(async () => {
  await answering.close();
  await throttled.close();
});

test('five direct messages make at most one auth.test, and each is answered', async () => {
  const { stub, slack } = answering;
  for (let i = 0; i < 5; i++) {
    const before = stub.calls.length;
    expect((await slack.event(dm('UANN', `status of LE.1 (${i})`))).status).toBe(200);
    const posted = await callsAfter(stub.calls, before, 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(argsOf(posted[0])).toContain('2.94');
  }
  expect(stub.calls.filter((c) => c.path === '/api/auth.test').length).toBeLessThanOrEqual(1);
});

test('with auth.test answering 429 Retry-After: 30, Slack is answered within 3 s and so is the question', async () => {
  const { stub, slack } = throttled;
  const before = stub.calls.length;
  const started = Date.now();
  const res = await slack.event(dm('UANN', 'status of LE.1'));
  // Slack's deadline for an acknowledgement (Events API: 3 s), not a measure of speed.
  expect(Date.now() - started).toBeLessThan(3000);
  expect(res.status).toBe(200);
  const posted = await callsAfter(stub.calls, before, 'chat.postMessage');
  expect(posted).toHaveLength(1);
  expect(argsOf(posted[0])).toContain('2.94');
  // A second event does not ask again before the Retry-After has passed.
  const again = stub.calls.length;
  expect((await slack.event(dm('UANN', 'status of CS.1'))).status).toBe(200);
  expect(argsOf((await callsAfter(stub.calls, again, 'chat.postMessage'))[0])).toContain('45%');
  expect(stub.calls.filter((c) => c.path === '/api/auth.test')).toHaveLength(1);
});

test("the bot's own messages in a DM are not answered, even before it knows its identity", async () => {
  const { stub, slack } = throttled;
  const before = stub.calls.length;
  // What Slack sends for a message the bot posted: the bot's user and bot_id, no subtype.
  const own = dm('UBOT', 'Sorry — something went wrong answering that.', { bot_id: 'BBOT', app_id: 'A1' });
  expect((await slack.event(own)).status).toBe(200);
  // …and a person's message after it is: so the first was seen, and passed over.
  expect((await slack.event(dm('UANN', 'help'))).status).toBe(200);
  const posted = await callsAfter(stub.calls, before, 'chat.postMessage');
  expect(posted.map((c) => c.body.channel)).toEqual(['D-UANN']);
});
