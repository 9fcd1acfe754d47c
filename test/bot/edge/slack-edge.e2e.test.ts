import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBotApp } from '../../../bot/app';
import { Identity } from '../../../models';
import { loadConfig } from '../../../services/config/config';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector } from '../../support/recording-connector';
import { planCommand, slackHeaders } from '../../support/slack-signing';

// Issue 11: signed Slack requests are taken only within ±5 minutes, once each, and only in the
// shapes the bot handles — refused at the edge with a 4xx and one warn line, never a listener error.
useTestDatabase();
const SECRET = 'edge-secret';
const lines: { level: number; msg: string }[] = [];
let base: string;
let close: () => void;
let slackApi: Awaited<ReturnType<typeof startRecordingConnector>>;

beforeAll(async () => {
  await importFixture('test/fixtures/small-plan.yaml');
  slackApi = await startRecordingConnector();
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const bot = createBotApp(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-edge',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slackApi.url}/api/`,
    }),
    log,
  );
  await new Promise<void>((resolve) => bot.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  close = () => bot.server.close();
});
afterAll(async () => {
  close();
  await slackApi.close();
});

const form = 'application/x-www-form-urlencoded';
async function send(body: string, contentType = form, at?: number) {
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, contentType, at),
    body,
  });
  return { status: res.status, text: await res.text() };
}
const command = planCommand;
const now = () => Math.floor(Date.now() / 1000);

test.each([
  ['10 minutes ahead', 600],
  ['10 years ahead', 10 * 365 * 24 * 3600],
  ['6 minutes old', -360],
])('a correctly signed request dated %s is refused 401', async (_, offset) => {
  expect((await send(command('status of CS.1'), form, now() + offset)).status).toBe(401);
});

test('an identical signed request replayed within 5 minutes is handled once', async () => {
  const body = command('my targets');
  const at = now();
  const first = await send(body, form, at);
  expect(first.text).toContain('Your targets');
  const replay = await send(body, form, at);
  expect(replay).toEqual({ status: 200, text: '' });
  // A new request (a new trigger, as Slack sends for every use of the command) is answered.
  expect((await send(command('my targets'))).text).toContain('Your targets');
});

test.each([
  ['a user id that is an object', command('help', { user_id: '' }).replace('user_id=', 'user_id[$ne]=')],
  [
    'an event whose user is a number',
    JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev-shape-1',
      team_id: 'T1',
      event: { type: 'message', channel_type: 'im', channel: 'D1', user: 42, text: 'help' },
    }),
  ],
  [
    'a button click without a user',
    new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'ask_1', type: 'button' }] }),
    }).toString(),
  ],
  [
    'a modal whose state is a string',
    new URLSearchParams({
      payload: JSON.stringify({
        type: 'view_submission',
        user: { id: 'UANN' },
        view: { callback_id: 'submit_update', state: 'x' },
      }),
    }).toString(),
  ],
  ['an unknown payload', JSON.stringify({ type: 'nothing_we_take', user: { $gt: '' } })],
  [
    'an event whose item is not an object',
    JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev-shape-2',
      team_id: 'T1',
      event: { type: 'reaction_added', user: 'UANN', item: false },
    }),
  ],
])('a signed but badly shaped payload (%s) gets 400 and one warn line, no error', async (_, body) => {
  const before = lines.length;
  const res = await send(body, body.startsWith('{') ? 'application/json' : form);
  expect(res).toEqual({ status: 400, text: '{"error":"unexpected payload"}' });
  const logged = lines.slice(before);
  expect(logged.filter((l) => l.level >= 40)).toEqual([
    expect.objectContaining({ level: 40, msg: 'Slack request refused: not a payload the bot takes' }),
  ]);
  expect(await Identity.countDocuments({ _id: /\$/ })).toBe(0);
});

test('a suggestion button with no conversation (in a modal, on the App Home) is answered in a direct message', async () => {
  const before = slackApi.calls.length;
  const click = new URLSearchParams({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'UANN' },
      trigger_id: 'edge-home',
      actions: [{ type: 'button', action_id: 'ask_0', value: 'status of CS.1' }],
    }),
  }).toString();
  expect((await send(click)).status).toBe(200);
  const posted = () => slackApi.calls.slice(before).filter((c) => c.path === '/api/chat.postMessage');
  for (let i = 0; i < 100 && posted().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(posted()).toEqual([expect.objectContaining({ body: expect.objectContaining({ channel: 'UANN' }) })]);
  expect(JSON.stringify(posted()[0]?.body)).toContain('38.2%');
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
});
