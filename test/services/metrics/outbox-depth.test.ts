import { Delivery } from '../../../models';
import { outboxDepth, pendingByPlatform, type Depth } from '../../../services/metrics/outbox-depth';
import { useTestDatabase } from '../../support/database';

// The outbox depth is counted by the database, and at most once per interval however often it is
// scraped: on the embedded database a count reads every delivery the outbox has ever held.
const db = useTestDatabase();
beforeEach(() => db.reset());

test('pending deliveries are counted per platform; sent, failed and cancelled ones are not', async () => {
  const statuses = ['pending', 'pending', 'sent', 'failed', 'cancelled'];
  await Delivery.insertMany(
    ['teams', 'slack'].flatMap((platform) =>
      statuses.map((status, i) => ({
        _id: `b>${platform}${i}`,
        batch: 'b',
        person: `p${i}`,
        platform,
        address: {},
        message: { kind: 'notice', text: 'x', suggestions: [] },
        nextAt: new Date('2026-01-01T00:00:00Z'),
        status,
      })),
    ),
  );
  await Delivery.updateOne({ _id: 'b>slack1' }, { $set: { status: 'sent' } });
  expect(await pendingByPlatform()).toEqual({ teams: 2, slack: 1 });
  await db.reset();
  expect(await pendingByPlatform()).toEqual({});
});

/** A count that answers when told to, and says how often it was asked. */
function controlledCount() {
  const waiting: ((d: Depth) => void)[] = [];
  let failures: Error[] = [];
  let asked = 0;
  return {
    count: () => {
      asked++;
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : new Promise<Depth>((resolve) => waiting.push(resolve));
    },
    answer: (d: Depth) => waiting.shift()?.(d),
    failNext: (e: Error) => (failures = [e]),
    asked: () => asked,
  };
}

test('a count is served again until it is older than maxAgeMs, and never run twice at once', async () => {
  let now = 0;
  const c = controlledCount();
  const depth = outboxDepth({ maxAgeMs: 30_000, waitMs: 1000, count: c.count, clock: () => now });
  const first = depth();
  const second = depth();
  c.answer({ teams: 4 });
  expect(await first).toEqual({ teams: 4 });
  expect(await second).toEqual({ teams: 4 });
  expect(c.asked()).toBe(1);

  now = 29_999;
  expect(await depth()).toEqual({ teams: 4 });
  expect(c.asked()).toBe(1);

  now = 30_000;
  const third = depth();
  c.answer({ teams: 1, slack: 2 });
  expect(await third).toEqual({ teams: 1, slack: 2 });
  expect(c.asked()).toBe(2);
});

test('a slow count does not hold the scrape: the last one is served, and the new one lands later', async () => {
  let now = 0;
  const c = controlledCount();
  const depth = outboxDepth({ maxAgeMs: 10, waitMs: 20, count: c.count, clock: () => now });
  // Nothing counted yet, and the count is slow: nothing to show.
  expect(await depth()).toBeUndefined();
  c.answer({ teams: 7 });
  await new Promise((r) => setImmediate(r));
  expect(await depth()).toEqual({ teams: 7 });

  now = 100;
  expect(await depth()).toEqual({ teams: 7 }); // stale, while the new count runs
  expect(c.asked()).toBe(2);
  c.answer({ teams: 0 });
  await new Promise((r) => setImmediate(r));
  expect(await depth()).toEqual({ teams: 0 });
});

test('a failed count is thrown to the scrape, never left unhandled, and the next scrape counts again', async () => {
  let now = 0;
  const c = controlledCount();
  const depth = outboxDepth({ maxAgeMs: 10, waitMs: 1000, count: c.count, clock: () => now });
  c.failNext(new Error('database went away'));
  await expect(depth()).rejects.toThrow('database went away');
  now = 5;
  const next = depth();
  c.answer({ slack: 1 });
  expect(await next).toEqual({ slack: 1 });
  expect(c.asked()).toBe(2);
});
