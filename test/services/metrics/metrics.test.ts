import { Delivery } from '../../../models';
import { Dispatcher } from '../../../services/delivery/dispatcher';
import { SendError, type Sender } from '../../../services/delivery/sender';
import { createLogger } from '../../../services/log/logger';
import { Metrics } from '../../../services/metrics/metrics';
import { schedule, Scheduler } from '../../../services/scheduling/scheduler';
import { useTestDatabase } from '../../support/database';
import { sample } from '../../support/metrics-text';

// The recorders on the real database: what the dispatcher and the scheduler report, and a scrape
// that stays quick and whole when the database, or a metric, misbehaves.
const db = useTestDatabase();
beforeEach(() => db.reset());

const log = createLogger('silent');
const metrics = (options: Partial<ConstructorParameters<typeof Metrics>[0]> = {}) =>
  new Metrics({ log, databaseReachable: async () => true, outboxDepth: async () => ({}), ...options });
const text = async (m: Metrics) => (await m.scrape()).body;

test('dispatcher outcomes by platform: a 429 counts as throttled and retrying, then sent', async () => {
  const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };
  await Delivery.insertMany(
    [0, 1, 2].map((i) => ({
      _id: `b>p${i}`,
      batch: 'b',
      person: `p${i}`,
      platform: 'slack',
      address: { channel: `D${i}` },
      message,
      nextAt: new Date('2026-01-01T00:00:00Z'),
    })),
  );
  let calls = 0;
  const sender: Sender = {
    conversationOf: (a) => String(a.channel),
    async send() {
      if (++calls === 1) throw new SendError('429: slow down', true, 20, true);
      return { id: `m${calls}` };
    },
  };
  const m = metrics();
  const dispatcher = new Dispatcher({ senders: { slack: sender }, log, observer: m });
  for (let i = 0; i < 50 && (await Delivery.countDocuments({ status: 'sent' })) < 3; i++) {
    await dispatcher.drain();
    await new Promise((r) => setTimeout(r, 30));
  }
  const t = await text(m);
  expect(sample(t, 'golden_thread_outbox_deliveries_total', { platform: 'slack', outcome: 'sent' })).toBe(3);
  expect(sample(t, 'golden_thread_outbox_deliveries_total', { platform: 'slack', outcome: 'retrying' })).toBe(
    1,
  );
  expect(sample(t, 'golden_thread_outbox_throttled_total', { platform: 'slack' })).toBe(1);
  expect(sample(t, 'golden_thread_outbox_deliveries_total', { outcome: 'failed' })).toBeUndefined();
});

test('scheduler lag: how late each job ran after its time, by kind, once it is done', async () => {
  const now = new Date('2027-01-04T09:01:30Z');
  await schedule([
    { id: 'late', kind: 'request', at: new Date('2027-01-04T09:00:00Z'), payload: {} },
    { id: 'broken', kind: 'reminder', at: new Date('2027-01-04T09:00:00Z'), payload: {} },
    { id: 'future', kind: 'request', at: new Date('2027-01-05T09:00:00Z'), payload: {} },
  ]);
  const m = metrics();
  const handlers = {
    request: async () => 'sent',
    reminder: async () => {
      throw new Error('not today');
    },
  };
  const scheduler = new Scheduler(handlers, log, {
    now: () => now,
    onJobRan: (kind, lag) => m.jobRan(kind, lag),
  });
  expect(await scheduler.runDue()).toBe(2);
  const t = await text(m);
  expect(sample(t, 'golden_thread_scheduler_lag_seconds_count', { kind: 'request' })).toBe(1);
  expect(sample(t, 'golden_thread_scheduler_lag_seconds_sum', { kind: 'request' })).toBe(90);
  expect(sample(t, 'golden_thread_scheduler_lag_seconds_bucket', { kind: 'request', le: '60' })).toBe(0);
  expect(sample(t, 'golden_thread_scheduler_lag_seconds_bucket', { kind: 'request', le: '120' })).toBe(1);
  // A failed job runs again later: its lag is recorded when it finally runs.
  expect(sample(t, 'golden_thread_scheduler_lag_seconds_count', { kind: 'reminder' })).toBeUndefined();
});

test('a database that does not answer reads 0 within the ping timeout, not a hung scrape', async () => {
  const m = metrics({ databaseReachable: () => new Promise(() => undefined), pingTimeoutMs: 50 });
  const started = Date.now();
  expect(sample(await text(m), 'golden_thread_database_up')).toBe(0);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(
    sample(await text(metrics({ databaseReachable: async () => false })), 'golden_thread_database_up'),
  ).toBe(0);
});

test('recording never throws, and a failing outbox count leaves that gauge out, not the scrape', async () => {
  const warnings: unknown[] = [];
  const quiet = createLogger('silent');
  quiet.warn = ((...args: unknown[]) => warnings.push(args)) as typeof quiet.warn;
  const m = metrics({
    log: quiet,
    outboxDepth: async () => {
      throw new Error('database went away');
    },
  });
  expect(() => m.jobRan('request', Number.NaN)).not.toThrow();
  expect(() => m.jobRan('request', Number.NaN)).not.toThrow();
  m.turn('teams', 'help');
  const t = await text(m);
  expect(sample(t, 'golden_thread_outbox_pending', { platform: 'teams' })).toBeUndefined();
  expect(sample(t, 'golden_thread_turns_total', { channel: 'teams', intent: 'help' })).toBe(1);
  // Each broken metric is logged once, not at every request or scrape.
  await text(m);
  expect(warnings).toHaveLength(2);
});
