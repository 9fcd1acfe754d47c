import { broadcastTo, conversationOf } from '../../bench/broadcast.bench';
import { startRateLimitedConnector, type RateLimitedConnector } from '../../bench/rate-limited-connector';
import { Delivery } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { useTestDatabase } from '../support/database';
import { freeze, startBotOnTestDatabase, waitFor, type Started } from '../support/processes';

// A sending instance frozen mid-broadcast (SIGSTOP: a VM paused, a process stalled in swap) for
// longer than the claim timeout holds claims on the sends it had lined up. Another instance takes
// those claims for a dead holder's and sends the rest. When the frozen one wakes, its claims are
// no longer renewed and it no longer trusts them: it sends none of them again.
//
// As in broadcast-restart.test.ts, from the freeze on the stub refuses (503) what arrives until the
// outbox has caught up, so the freeze does not fall between the connector accepting a message and
// the outbox recording it (a freeze there sends that one again: the documented window).
useTestDatabase();
const RECIPIENTS = 300;
const bots: Started[] = [];
let stub: RateLimitedConnector;
let phase: 'sending' | 'holding' | 'taken over' = 'sending';

beforeAll(async () => {
  stub = await startRateLimitedConnector({
    perSecond: 50,
    beforeAccept() {
      if (phase === 'sending' && stub.accepted >= RECIPIENTS / 3) phase = 'holding';
      return phase !== 'holding';
    },
  });
});
afterAll(async () => {
  for (const b of bots) {
    if (b.child.exitCode !== null) continue;
    b.child.kill('SIGCONT');
    b.child.kill('SIGKILL');
  }
  await stub.close();
});

const start = () =>
  startBotOnTestDatabase(
    { TEAMS_RATE_PER_SECOND: '50', OUTBOX_INTERVAL_MS: '100', OUTBOX_CLAIM_TIMEOUT_MS: '6000' },
    bots,
  );

test('an instance frozen past the claim timeout sends nothing twice when it wakes', async () => {
  await enqueue(broadcastTo(RECIPIENTS, stub.url, 'frozen-sender'), new Date());
  const frozen = await start();
  await waitFor('a third of the broadcast to be sent', () => (phase === 'holding' ? true : undefined));
  await waitFor('the outbox to record what was sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) >= stub.accepted ? true : undefined,
  );
  await freeze(frozen.child.pid!);
  const sentBeforeFreeze = stub.accepted;
  phase = 'taken over';

  await start();
  await waitFor(
    'every recipient to get the message',
    () => (stub.counts.size === RECIPIENTS ? true : undefined),
    120_000,
  );
  // The frozen instance wakes with its claims lined up, past their time.
  frozen.child.kill('SIGCONT');
  await waitFor('every delivery to be marked sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) === RECIPIENTS ? true : undefined,
  );
  await new Promise((r) => setTimeout(r, 3000)); // time for a duplicate to show, were there one

  expect(sentBeforeFreeze).toBeLessThan(RECIPIENTS);
  expect([...stub.counts].filter(([, count]) => count !== 1)).toEqual([]);
  const expected = Array.from({ length: RECIPIENTS }, (_, i) => conversationOf(i)).sort();
  expect([...stub.counts.keys()].sort()).toEqual(expected);
  expect(frozen.child.exitCode).toBeNull(); // it woke and carried on
  // What it held was let go, and said so.
  expect(frozen.logs.some((l) => l.msg === 'Send not made: its claim could not be renewed in time')).toBe(
    true,
  );
});
