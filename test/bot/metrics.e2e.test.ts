import { Delivery } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient, runDue } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { families, sample } from '../support/metrics-text';
import { startRecordingConnector } from '../support/recording-connector';

// /metrics over real HTTP, on the bot as `npm start` assembles it: off, open, and behind a token.
useTestDatabase();
const TOKEN = 'metrics-token-0123456789';
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
const closers: (() => void)[] = [];

beforeAll(async () => {
  await importFixture('test/fixtures/small-plan.yaml');
  stub = await startRecordingConnector();
});
afterAll(async () => {
  for (const close of closers) close();
  await stub.close();
});

async function bot(env: Record<string, string>) {
  const started = await startTestBot(env);
  closers.push(started.close);
  const chat = chatClient({ base: started.base, connector: stub.url, calls: stub.calls });
  const scrape = async (authorization?: string) => {
    const res = await fetch(`${started.base}/metrics`, {
      headers: authorization ? { authorization } : {},
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  return { ...started, chat, scrape };
}

test('off by default: /metrics is not there, and nothing is recorded', async () => {
  const { bot: app, scrape } = await bot({});
  expect((await scrape()).status).toBe(404);
  expect(app.metrics).toBeUndefined();
});

test('METRICS=off wins over a token', async () => {
  const { scrape } = await bot({ METRICS: 'off', METRICS_TOKEN: TOKEN });
  expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
});

test('METRICS=on: Prometheus text with turns by channel and intent, and requests by route pattern', async () => {
  const { base, chat, scrape } = await bot({ METRICS: 'on' });
  expect(await chat.say('29:staff', 'status of CS.1')).toContain('Recycle more household waste.');
  await chat.say('29:staff', 'cs1');
  await chat.say('29:staff', 'help');
  await fetch(`${base}/files/nothing-here?sig=x`);

  const { status, type, text } = await scrape();
  expect(status).toBe(200);
  expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(families(text)).toEqual(
    expect.arrayContaining([
      'golden_thread_http_request_duration_seconds',
      'golden_thread_turns_total',
      'golden_thread_outbox_deliveries_total',
      'golden_thread_outbox_throttled_total',
      'golden_thread_outbox_pending',
      'golden_thread_scheduler_lag_seconds',
      'golden_thread_database_up',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]),
  );
  expect(sample(text, 'golden_thread_turns_total', { channel: 'teams', intent: 'status' })).toBe(2);
  expect(sample(text, 'golden_thread_turns_total', { channel: 'teams', intent: 'help' })).toBe(1);
  expect(
    sample(text, 'golden_thread_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/api/messages',
      status: '2xx',
    }),
  ).toBe(3);
  expect(sample(text, 'golden_thread_database_up')).toBe(1);
  expect(sample(text, 'golden_thread_outbox_pending', { platform: 'teams' })).toBe(0);
  // Labels are route patterns: no raw URL, query string or id ever becomes a label value.
  expect(text).not.toContain('nothing-here');
  expect(text).not.toContain('sig=');
});

test('requests are labelled by their route pattern, and unknown paths all as "unmatched"', async () => {
  const { base, scrape } = await bot({ METRICS: 'on' });
  await fetch(`${base}/files/exports/abc.csv?sig=wrong`);
  await fetch(`${base}/no/such/path/12345`);
  await fetch(`${base}/healthz`);
  const { text } = await scrape();
  const count = (route: string, status: string) =>
    sample(text, 'golden_thread_http_request_duration_seconds_count', { route, status });
  expect(count('/files/*', '4xx')).toBe(1);
  expect(count('unmatched', '4xx')).toBe(1);
  expect(count('/healthz', '2xx')).toBe(1);
  expect(text).not.toContain('12345');
  expect(text).not.toContain('abc.csv');
});

test('METRICS_TOKEN: 401 without the token or with a wrong one, 200 with it', async () => {
  const { scrape } = await bot({ METRICS_TOKEN: TOKEN });
  const none = await scrape();
  expect(none.status).toBe(401);
  expect(none.text).not.toContain('golden_thread');
  expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
  expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
  expect((await scrape(`Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`)).status).toBe(401);
  expect((await scrape(TOKEN)).status).toBe(401);
  const ok = await scrape(`Bearer ${TOKEN}`);
  expect(ok.status).toBe(200);
  expect(ok.text).toContain('golden_thread_turns_total');
});

test('the outbox: pending by platform before the drain, sent by platform after it', async () => {
  const { bot: app, scrape } = await bot({ METRICS: 'on' });
  const to = (i: number) => ({
    platform: 'teams' as const,
    address: {
      channelId: 'msteams',
      serviceUrl: stub.url,
      conversation: { id: `a:metrics-${i}`, conversationType: 'personal' },
      bot: { id: '28:bot', name: 'Golden Thread' },
      user: { id: `29:person${i}`, name: `Person ${i}` },
    },
  });
  const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };
  const { queued } = await enqueue(
    [0, 1, 2].map((i) => ({ id: `m>${i}`, batch: 'm', person: `p${i}@test.gov.uk`, message, to: to(i) })),
    new Date(),
  );
  expect(queued).toBe(3);

  const before = (await scrape()).text;
  expect(sample(before, 'golden_thread_outbox_pending', { platform: 'teams' })).toBe(3);
  expect(sample(before, 'golden_thread_outbox_pending', { platform: 'slack' })).toBe(0);
  expect(sample(before, 'golden_thread_outbox_deliveries_total', { platform: 'teams' })).toBeUndefined();

  const { teams } = await runDue(app, stub.calls);
  expect(teams).toHaveLength(3);
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(3);
  const after = (await scrape()).text;
  expect(sample(after, 'golden_thread_outbox_deliveries_total', { platform: 'teams', outcome: 'sent' })).toBe(
    3,
  );
});
