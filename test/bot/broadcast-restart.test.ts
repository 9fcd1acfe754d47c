import { broadcastTo, conversationOf } from '../../bench/broadcast.bench';
import { startRateLimitedConnector, type RateLimitedConnector } from '../../bench/rate-limited-connector';
import { Delivery } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { useTestDatabase } from '../support/database';
import { startBotOnTestDatabase, waitFor, type Started } from '../support/processes';

// A broadcast survives its sender being killed: real bot processes (`npm start`'s entry) send
// through their dispatcher to a stub Bot Connector that allows 50 requests a second and answers 429
// beyond. The first is killed (SIGKILL) halfway, with sends in flight and the rest of the broadcast
// claimed; two more start on the same database. Every recipient gets the message exactly once.
//
// Exactly once needs the kill to fall outside the moment between the connector accepting a message
// and the outbox recording it as sent (a kill there sends that one again: the benchmark shows it).
// So from halfway on the stub refuses (503) what arrives until the outbox has caught up, and the
// bot is killed then, with refused sends in flight.
useTestDatabase();
const RECIPIENTS = 300;
const bots: Started[] = [];
let stub: RateLimitedConnector;
let phase: 'sending' | 'holding' | 'restarted' = 'sending';

beforeAll(async () => {
  stub = await startRateLimitedConnector({
    perSecond: 50,
    beforeAccept() {
      if (phase === 'sending' && stub.accepted >= RECIPIENTS / 2) phase = 'holding';
      return phase !== 'holding';
    },
  });
});
afterAll(async () => {
  for (const b of bots) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  await stub.close();
});

function start(): Promise<Started> {
  return startBotOnTestDatabase(
    {
      TEAMS_RATE_PER_SECOND: '50',
      OUTBOX_INTERVAL_MS: '100',
      // Longer than a claimed message can wait for its turn (the rest of the broadcast at 50/s, with
      // 429s), shorter than the test: the claims the killed bot left are given up after it.
      OUTBOX_CLAIM_TIMEOUT_MS: '8000',
    },
    bots,
  );
}

test('a bot killed halfway through a broadcast, then two more: each recipient gets it exactly once', async () => {
  const { queued } = await enqueue(broadcastTo(RECIPIENTS, stub.url, 'restart-test'), new Date());
  expect(queued).toBe(RECIPIENTS);

  const first = await start();
  await waitFor('half the broadcast to be sent', () => (phase === 'holding' ? true : undefined));
  await waitFor('the outbox to record what was sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) >= stub.accepted ? true : undefined,
  );
  first.child.kill('SIGKILL');
  await first.exited;
  const sentBeforeKill = stub.accepted;
  expect(sentBeforeKill).toBeGreaterThanOrEqual(RECIPIENTS / 2);
  expect(sentBeforeKill).toBeLessThan(RECIPIENTS);
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(sentBeforeKill);
  phase = 'restarted';

  await Promise.all([start(), start()]);
  await waitFor('every recipient to get the message', () =>
    stub.counts.size === RECIPIENTS ? true : undefined,
  );
  await waitFor('every delivery to be marked sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) === RECIPIENTS ? true : undefined,
  );
  await new Promise((r) => setTimeout(r, 1500)); // time for a duplicate to show, were there one

  const twice = [...stub.counts].filter(([, count]) => count !== 1);
  expect(twice).toEqual([]);
  const expected = Array.from({ length: RECIPIENTS }, (_, i) => conversationOf(i)).sort();
  expect([...stub.counts.keys()].sort()).toEqual(expected);
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(RECIPIENTS);
  expect(stub.accepted).toBe(RECIPIENTS);
});
