import type { BotApp } from '../../../bot/app';
import { slackSender } from '../../../bot/slack/sender';
import { SendError } from '../../../services/delivery/sender';
import { startTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import type { Recorded } from '../../support/recording-connector';
import { rateLimited, startSlackApiStub, type StubAnswer } from './web-api-stub';

// The Slack sender, with the Slack app as the bot builds it, against a Web API stub that answers as
// told: a 429 — from conversations.open or chat.postMessage, with or without Retry-After, or as
// `error: ratelimited` — is throttling for the dispatcher (pause, no failure counted); a refusal is
// final; an HTTP error is retried. Compare test/bot/teams/sender.test.ts.
useTestDatabase();
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startSlackApiStub>>;
let answer: (call: Recorded) => StubAnswer | undefined = () => undefined;

beforeAll(async () => {
  stub = await startSlackApiStub((call) => answer(call));
  ({ bot } = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'sender-secret',
    SLACK_API_URL: `${stub.url}/api/`,
  }));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };
const send = () => {
  if (!bot.slack) throw new Error('Slack is on in this test');
  return slackSender(bot.slack)
    .send({ user: 'UANN' }, message)
    .catch((e: unknown) => e);
};
const on = (path: string, given: StubAnswer) => (call: Recorded) =>
  call.path === `/api/${path}` ? given : undefined;

test('a message Slack accepts resolves with its ts, in the DM conversations.open gave', async () => {
  answer = () => undefined;
  const before = stub.calls.length;
  await expect(send()).resolves.toEqual({ id: expect.any(String) });
  const posted = stub.calls.slice(before).find((c) => c.path === '/api/chat.postMessage');
  expect(posted?.body.channel).toBe('D-UANN');
});

test.each<[string, StubAnswer, Partial<SendError>]>([
  [
    'chat.postMessage',
    rateLimited(7),
    { retryable: true, throttled: true, retryAfterMs: 7000, message: '429: Slack rate limited' },
  ],
  ['conversations.open', rateLimited(2), { retryable: true, throttled: true, retryAfterMs: 2000 }],
  [
    'chat.postMessage',
    { status: 429, body: { ok: false, error: 'ratelimited' } },
    { retryable: true, throttled: true, retryAfterMs: undefined },
  ],
  [
    'chat.postMessage',
    { headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } },
    { retryable: true, throttled: true, retryAfterMs: 3000 },
  ],
  [
    'chat.postMessage',
    { body: { ok: false, error: 'channel_not_found' } },
    { retryable: false, throttled: false },
  ],
  ['chat.postMessage', { status: 503, body: { ok: false } }, { retryable: true, throttled: false }],
])('%s answering %j is a SendError: %j', async (path, given, expected) => {
  answer = on(path, given);
  const error = await send();
  expect(error).toBeInstanceOf(SendError);
  expect(error).toMatchObject(expected);
});
