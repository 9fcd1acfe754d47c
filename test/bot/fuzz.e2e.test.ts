import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationConstants } from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import pino from 'pino';
import { createBotApp, type BotApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { importFixture } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import {
  APP_ID,
  CONNECTOR,
  POLLUTION_KEY,
  SLACK_SECRET,
  generateRequests,
  makeAuthorization,
  slackSignature,
  type FuzzRequest,
} from '../support/fuzz-payloads';
import { startRecordingConnector } from '../support/recording-connector';

// Issue 11: thousands of generated activities and signed Slack payloads, hostile and malformed,
// posted over real HTTP. None may get a 5xx or take over a second, nothing may crash, and the bot
// must still answer "status of ED.1" in both channels afterwards. (The bot runs in this process:
// jest fails the running test on an uncaught exception or unhandled rejection.) FUZZ_SEED=<n> tries
// another seed; FUZZ_VERBOSE=1 prints the statuses for each kind of request.
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_111);
const COUNTS = { teams: 1500, teamsAuth: 200, slack: 1500 };
const CONCURRENCY = 8;
const SLOWEST_MS = 1000;
/** What a refusal's body must not show: a stack, or the token library's reasons. */
const LEAK =
  /\n +at |node_modules|JsonWebToken|NotBeforeError|TokenExpiredError|invalid (signature|algorithm|token)|jwt (malformed|signature|not active|expired|audience|issuer)|signature is required|Error finding key/i;

useTestDatabase();
const requests = generateRequests(SEED, COUNTS);
const fingerprint = (r: typeof requests) => createHash('sha256').update(JSON.stringify(r)).digest('hex');

/** What the bots logged at warn and above, and what libraries wrote to the console (kept quiet). */
const logged: { level: number; msg: string; err?: string }[] = [];
/** One line of counts per channel, printed at the end. */
const summaries: string[] = [];

let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let login: { url: string; close(): Promise<void> };
let keys: { trusted: KeyObject; trustedPem: string; untrusted: KeyObject };
let local: { app: BotApp; base: string };
let secured: { app: BotApp; base: string };

async function startBot(env: Record<string, string>) {
  const log = pino(
    { level: 'warn', base: null },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        logged.push({ level: entry.level, msg: entry.msg, err: entry.err?.message });
      },
    },
  );
  const app = createBotApp(loadConfig(env), log);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/**
 * The Bot Framework's login service, locally: its OpenID configuration and a signing key the test
 * holds. The token validator's metadata for the real addresses is pointed here, so forged tokens
 * reach signature verification without the network, and a well-signed token is let in.
 */
async function startLogin(trusted: KeyObject) {
  let url = '';
  const jwk = {
    ...trusted.export({ format: 'jwk' }),
    kid: 'fuzz-key',
    use: 'sig',
    endorsements: ['msteams'],
  };
  const server: Server = createServer((req, res) => {
    const body = req.url === '/keys' ? { keys: [jwk] } : { issuer: 'fuzz', jwks_uri: `${url}/keys` };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> })
    .openIdMetadataCache;
  cache.set(AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, new OpenIdMetadata(`${url}/channel`));
  cache.set(
    AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    new OpenIdMetadata(`${url}/emulator`),
  );
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
  // botbuilder and Bolt write refusals to the console; keep them as findings, not noise.
  for (const method of ['error', 'warn'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const first = args[0];
      logged.push({
        level: method === 'error' ? 50 : 40,
        msg: `console.${method}`,
        err: first instanceof Error ? first.message : String(first).slice(0, 200),
      });
    });
  }
  await importFixture('plans/leicester-2003.yaml', 'test@leicester.gov.uk');
  stub = await startRecordingConnector();
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [trusted, untrusted] = [pair(), pair()];
  keys = {
    trusted: trusted.privateKey,
    trustedPem: trusted.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    untrusted: untrusted.privateKey,
  };
  login = await startLogin(trusted.publicKey);
  local = await startBot({
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  });
  secured = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'fuzz-password' });
}, 30_000);

afterAll(async () => {
  local?.app.server.close();
  secured?.app.server.close();
  await stub?.close();
  await login?.close();
  jest.restoreAllMocks();
  const levels = new Map<string, number>();
  for (const { level, msg, err } of logged) {
    // Only the bots' own errors: the libraries' console output is mostly routine refusals.
    if (level < 50 || msg.startsWith('console.')) continue;
    const key = `${msg}: ${(err ?? '').replace(/\d+/g, '#').slice(0, 100)}`;
    levels.set(key, (levels.get(key) ?? 0) + 1);
  }
  console.log(
    [
      `fuzz seed ${SEED} (requests ${fingerprint(requests).slice(0, 12)}): ${COUNTS.teams} Teams activities, ` +
        `${COUNTS.teamsAuth} Teams requests with forged or no tokens, ${COUNTS.slack} Slack requests`,
      ...summaries,
      ...(levels.size
        ? [
            'errors the bots logged (handled, so not failures here):',
            ...[...levels].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`),
          ]
        : []),
    ].join('\n'),
  );
});

interface Outcome {
  index: number;
  request: FuzzRequest;
  status: number;
  ms: number;
  text: string;
  error?: string;
}

/** Sends one generated request as generated (the connector's address filled in, signed or tokened now). */
async function send(base: string, request: FuzzRequest, index: number): Promise<Outcome> {
  const body = request.body
    .replaceAll(CONNECTOR, stub.url)
    .replaceAll(encodeURIComponent(CONNECTOR), encodeURIComponent(stub.url));
  const headers: Record<string, string> = {
    ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
    ...request.headers,
  };
  if (request.target === 'slack') Object.assign(headers, slackSignature(request, body));
  if (request.authorization !== undefined)
    headers.authorization =
      typeof request.authorization === 'string'
        ? request.authorization
        : makeAuthorization(request.authorization, keys, stub.url);
  const started = performance.now();
  try {
    // A Buffer, so that no content type is added when the request has none.
    const res = await fetch(`${base}${request.path}`, {
      method: 'POST',
      headers,
      body: Buffer.from(body, 'utf8'),
      // Anything over a second has failed already: give up at 3 s, so a failing run stays short.
      signal: AbortSignal.timeout(3_000),
    });
    const text = await res.text();
    return { index, request, status: res.status, ms: performance.now() - started, text };
  } catch (error) {
    return { index, request, status: 0, ms: performance.now() - started, text: '', error: String(error) };
  }
}

async function sendAll(base: string, list: FuzzRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) outcomes[i] = await send(base, list[i]!, i);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

/** What is wrong with an outcome, if anything. */
function problems(o: Outcome): string[] {
  const found: string[] = [];
  if (o.error) found.push(`no response (${o.error.slice(0, 60)})`);
  if (o.status >= 500) found.push(`HTTP ${o.status}`);
  if (o.ms > SLOWEST_MS) found.push('slower than 1 s');
  if (o.request.target === 'teamsAuth' && !o.error) {
    if (o.status < 400 || o.status >= 500) found.push(`not refused (HTTP ${o.status})`);
    if (o.text.length >= 200) found.push('refusal body of 200+ characters');
    if (LEAK.test(o.text)) found.push('refusal body shows a stack or token error');
  }
  if (o.request.target === 'slack' && o.request.signing !== 'good' && !o.error && o.status !== 401)
    found.push(`bad signature not refused (HTTP ${o.status})`);
  return found;
}

/** Control characters and lone surrogates made visible, long text cut. */
const shown = (text: string, max: number) =>
  Array.from(text.slice(0, max), (c) => {
    const code = c.codePointAt(0) ?? 0;
    const hidden = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff);
    return hidden ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('') + (text.length > max ? ` …(${text.length} chars)` : '');

/**
 * Records the counts and the slowest request, and throws one error listing every class of failure
 * (what went wrong, the kind of request, the answer's gist) with its smallest example.
 */
function check(label: string, outcomes: Outcome[]): void {
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  const statuses = (list: Outcome[]) => {
    const counts = new Map<number, number>();
    for (const o of list) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  };
  summaries.push(
    `${label}: ${outcomes.length} requests, statuses ${statuses(outcomes)}, slowest ${Math.round(slowest.ms)} ms (#${slowest.index} ${slowest.request.kind})`,
  );
  if (process.env.FUZZ_VERBOSE) {
    const kinds = [...new Set(outcomes.map((o) => o.request.kind))].sort();
    for (const kind of kinds)
      summaries.push(`  ${kind}: ${statuses(outcomes.filter((o) => o.request.kind === kind))}`);
  }
  const classes = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const found = problems(o);
    if (!found.length) continue;
    const gist = o.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').slice(0, 70);
    const key = `${found.join(' + ')} · ${o.request.kind}${gist ? ` · ${gist}` : ''}`;
    classes.set(key, [...(classes.get(key) ?? []), o]);
  }
  if (classes.size === 0) return;
  const failed = [...classes.values()].reduce((n, list) => n + list.length, 0);
  const lines = [...classes]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key, list]) => {
      const smallest = list.reduce((a, b) => (b.request.body.length < a.request.body.length ? b : a));
      const { request: r } = smallest;
      const how = [
        r.contentType ?? '(no content type)',
        ...(r.signing ? [`signing ${r.signing}`] : []),
        ...(r.headers ? [JSON.stringify(r.headers)] : []),
        ...(r.authorization === undefined
          ? []
          : [`authorization ${shown(JSON.stringify(r.authorization), 400)}`]),
      ];
      return [
        `${list.length} × ${key}`,
        `    e.g. #${smallest.index}: ${how.join(', ')}`,
        `    body ${shown(r.body, 500)}`,
        `    → ${smallest.error ?? smallest.status} in ${Math.round(smallest.ms)} ms: ${shown(smallest.text, 200)}`,
      ].join('\n');
    });
  throw new Error(`${label}, seed ${SEED}: ${failed} of ${outcomes.length} failed\n${lines.join('\n')}`);
}

test('the same seed generates the same requests', () => {
  expect(fingerprint(generateRequests(SEED, COUNTS))).toBe(fingerprint(requests));
  expect(requests.teams).toHaveLength(COUNTS.teams);
  expect(requests.slack).toHaveLength(COUNTS.slack);
});

test(`Teams, local mode: ${COUNTS.teams} generated activities — no 5xx, none over 1 s`, async () => {
  const outcomes = await sendAll(local.base, requests.teams);
  check('Teams (local mode)', outcomes);
}, 40_000);

test(`Teams, authentication on: ${COUNTS.teamsAuth} requests with no or forged tokens — a short 4xx each`, async () => {
  // The harness lets a well-signed token in, so the refusals below are the token checks' doing.
  const welcome = await send(
    secured.base,
    {
      target: 'teamsAuth',
      kind: 'control',
      path: '/api/messages',
      contentType: 'application/json',
      body: JSON.stringify({
        type: 'invoke',
        name: 'fuzz/ping',
        id: 'control',
        channelId: 'msteams',
        serviceUrl: CONNECTOR,
        from: { id: '29:control' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:control' },
      }),
      authorization: {
        header: { alg: 'RS256', typ: 'JWT', kid: 'fuzz-key' },
        claims: { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: CONNECTOR },
        times: { exp: 3600, nbf: -60, iat: -60 },
        signer: 'trusted',
        scheme: 'Bearer',
      },
    },
    -1,
  );
  expect({ status: welcome.status, text: welcome.text }).toEqual({ status: 200, text: '{}' });
  const outcomes = await sendAll(secured.base, requests.teamsAuth);
  check('Teams (authentication on)', outcomes);
}, 20_000);

test(`Slack: ${COUNTS.slack} signed and badly signed requests — no 5xx, bad signatures 401, none over 1 s`, async () => {
  const outcomes = await sendAll(local.base, requests.slack);
  check('Slack', outcomes);
}, 40_000);

test('afterwards: no prototype polluted, both bots healthy, "status of ED.1" answered in Teams and Slack', async () => {
  expect((Object.prototype as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
  const health = await fetch(`${local.base}/healthz`);
  expect(health.status).toBe(200);
  expect((await fetch(`${secured.base}/healthz`)).status).toBe(200);
  const facts = ['Raise attainment of all pupils.', '40.7%'];

  const before = stub.calls.length;
  const teams = await fetch(`${local.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'after-fuzz',
      text: 'status of ED.1',
      channelId: 'msteams',
      serviceUrl: stub.url,
      from: { id: '29:after-fuzz', name: 'After Fuzz' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: 'a:after-fuzz', conversationType: 'personal' },
    }),
  });
  expect(teams.status).toBeLessThan(300);
  const replies = stub.calls
    .slice(before)
    .filter((c) => c.path.startsWith('/v3/conversations/a:after-fuzz/'));
  expect(replies).toHaveLength(1);
  for (const fact of facts) expect(JSON.stringify(replies[0]?.body)).toContain(fact);

  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'TAFTER',
    api_app_id: 'A1',
    event_id: 'EvAfterFuzz',
    event_time: 1,
    event: {
      type: 'message',
      channel_type: 'im',
      channel: 'DAFTER',
      user: 'UAFTER',
      text: 'status of ED.1',
      ts: '9.9',
    },
  });
  const slack = await send(
    local.base,
    {
      target: 'slack',
      kind: 'after',
      path: '/slack/events',
      contentType: 'application/json',
      body,
      signing: 'good',
    },
    -1,
  );
  expect(slack.status).toBe(200);
  const posted = () =>
    stub.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.channel === 'DAFTER');
  for (let i = 0; i < 100 && posted().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(posted()).toHaveLength(1);
  for (const fact of facts) expect(JSON.stringify(posted()[0]?.body)).toContain(fact);
}, 10_000);
