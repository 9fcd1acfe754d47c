import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { Identity } from '../../../models';
import { importFixture, startTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector } from '../../support/recording-connector';

// Issue 11: every malformed or unauthenticated Teams request gets a 4xx with a short generic body,
// and names from the request never index a plain object.
useTestDatabase();
let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
const bots: { base: string; close(): void }[] = [];
let local: string;
let secured: string;

beforeAll(async () => {
  await importFixture('test/fixtures/small-plan.yaml');
  connector = await startRecordingConnector();
  bots.push(await startTestBot());
  bots.push(
    await startTestBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }),
  );
  [local, secured] = bots.map((b) => b.base) as [string, string];
});
afterAll(async () => {
  for (const b of bots) b.close();
  await connector.close();
});

let seq = 0;
const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `in-${++seq}`,
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/', // nothing here is answered through the connector
  from: { id: '29:ann', name: 'Ann Owner' },
  recipient: { id: '28:bot', name: 'Golden Thread' },
  conversation: { id: `a:conv-${seq}`, conversationType: 'personal' },
  text: 'help',
  ...extra,
});

async function post(
  base: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
const postJson = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  post(base, JSON.stringify(body), { 'content-type': 'application/json', ...headers });

test.each([
  ['{}', {}],
  ['type null', { type: null }],
  ['serviceUrl an object', activity({ serviceUrl: { href: 'http://x' } })],
  ['conversation id an operator', activity({ conversation: { id: { $ne: null } } })],
  ['from id an operator', activity({ from: { id: { $gt: '' } } })],
  ['an array', [activity()]],
])(
  'a malformed activity (%s) gets 400 with a short body, with and without authentication',
  async (_, body) => {
    for (const base of [local, secured]) {
      const res = await postJson(base, body);
      expect(res).toEqual({ status: 400, text: '{"error":"malformed activity"}' });
    }
    expect(await Identity.countDocuments()).toBe(0);
  },
);

test('a body that is not JSON, or JSON sent as a form, is refused with a 4xx', async () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  expect((await post(local, JSON.stringify(activity()), form)).status).toBe(415);
  expect((await post(local, '{"type": "message",', { 'content-type': 'application/json' })).status).toBe(400);
  expect((await post(local, 'x'.repeat(300 * 1024))).status).toBe(413);
});

// Tokens a forger could make: none may be accepted, and none may answer 500 or echo the library's reason.
const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://api.botframework.com',
  aud: '00000000-0000-0000-0000-000000000001',
  exp: Math.floor(Date.now() / 1000) + 3600,
  nbf: Math.floor(Date.now() / 1000) - 60,
  serviceurl: 'http://127.0.0.1:1/',
  ...extra,
});
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
function rs256(payload: object, kid = 'd4c2a0b8') {
  const head = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url(payload)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
}
function hs256(payload: object) {
  const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  const key = publicKey.export({ type: 'spki', format: 'pem' });
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}
const signed = rs256(claims());
test.each([
  ['no token', undefined],
  ['not a JWT', 'Bearer x'],
  ['alg none', `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
  ['HS256 with the public key', `Bearer ${hs256(claims())}`],
  ["a stranger's key with a trusted kid", `Bearer ${signed}`],
  ['a stripped signature', `Bearer ${signed.split('.').slice(0, 2).join('.')}.`],
  [
    'a tampered payload',
    `Bearer ${signed.replace(/^([^.]+)\.[^.]+/, `$1.${base64url(claims({ aud: 'x' }))}`)}`,
  ],
  ['nbf in the future', `Bearer ${rs256(claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }))}`],
])('a forged token (%s) is refused 401 with a generic body', async (_, authorization) => {
  const before = connector.calls.length;
  const res = await postJson(secured, activity(), authorization ? { authorization } : {});
  expect(res).toEqual({ status: 401, text: '{"error":"unauthorized"}' });
  expect(connector.calls.length).toBe(before);
});

test.each(['constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'toString', 'no/such/invoke'])(
  'an invoke named %s gets the answer of any unknown invoke',
  async (name) => {
    const res = await postJson(local, activity({ type: 'invoke', name, value: {} }));
    expect(res).toEqual({ status: 200, text: '{}' });
  },
);

test.each(['constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
  'a card verb named %s is not one the bot knows, and changes nothing',
  async (verb) => {
    const res = await postJson(
      local,
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: {} } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain("That card action isn't one I know, so nothing was changed.");
  },
);
