import { broadcastTo, conversationOf } from '../../bench/broadcast.bench';
import { startRateLimitedConnector, type RateLimitedConnector } from '../../bench/rate-limited-connector';
import { Delivery, DeliveryClaim } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { useTestDatabase } from '../support/database';
import { startBotOnTestDatabase, waitFor, type Started } from '../support/processes';

// A bot stopped with SIGTERM in the middle of a broadcast (a deploy, a scale-down) finishes the
// sends already on the wire, records them, and gives back its claims on the ones still waiting
// their turn — so the next instance sends those at once, not after the 30 s claim timeout, and
// every recipient gets the message exactly once.
useTestDatabase();
const RECIPIENTS = 300;
const bots: Started[] = [];
let stub: RateLimitedConnector;

beforeAll(async () => {
  stub = await startRateLimitedConnector({ perSecond: 50 });
});
afterAll(async () => {
  for (const b of bots) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  await stub.close();
});

// The claim timeout is left at its default (30 s): only claims given back let the second bot
// finish the broadcast within the wait below.
const start = () => startBotOnTestDatabase({ TEAMS_RATE_PER_SECOND: '50', OUTBOX_INTERVAL_MS: '100' }, bots);

test('SIGTERM halfway through a broadcast: stops within 10 s, nothing lost, nothing sent twice', async () => {
  const { queued } = await enqueue(broadcastTo(RECIPIENTS, stub.url, 'sigterm-test'), new Date());
  expect(queued).toBe(RECIPIENTS);

  const first = await start();
  await waitFor('a third of the broadcast to be sent', () =>
    stub.accepted >= RECIPIENTS / 3 ? true : undefined,
  );
  first.child.kill('SIGTERM');
  const exit = await Promise.race([
    first.exited,
    new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
  ]);
  expect(exit).toBe(0);
  const sentByFirst = stub.accepted;
  expect(sentByFirst).toBeLessThan(RECIPIENTS);
  // Everything the connector accepted is recorded; no claim holds back an unsent delivery's next
  // attempt. (A claim is per attempt, `<delivery>#<attempts>`: one left on an earlier attempt of a
  // delivery that was retried — a 429 or a dropped connection on a busy machine — blocks nothing.)
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(sentByFirst);
  const unsent = (await Delivery.find({}, { _id: 1, attempts: 1, status: 1 }).lean()).filter(
    (d) => d.status !== 'sent',
  );
  const next = new Set(unsent.map((d) => `${d._id}#${d.attempts}`));
  const claims = await DeliveryClaim.find({}, { _id: 1 }).lean();
  expect(claims.filter((c) => next.has(String(c._id)))).toEqual([]);
  expect(first.logs.find((l) => l.msg === 'Sends not yet made were handed back to the outbox')).toBeDefined();

  await start();
  await waitFor(
    'every recipient to get the message',
    () => (stub.counts.size === RECIPIENTS ? true : undefined),
    20_000,
  );
  await waitFor('every delivery to be marked sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) === RECIPIENTS ? true : undefined,
  );
  await new Promise((r) => setTimeout(r, 1000)); // time for a duplicate to show, were there one
  expect([...stub.counts].filter(([, count]) => count !== 1)).toEqual([]);
  const expected = Array.from({ length: RECIPIENTS }, (_, i) => conversationOf(i)).sort();
  expect([...stub.counts.keys()].sort()).toEqual(expected);
});
