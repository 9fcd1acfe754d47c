import { broadcastTo } from '../../bench/broadcast.bench';
import { Delivery, DeliveryClaim } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { expectEachRecipientOnce, untilEverySent, useBroadcastRig } from '../support/broadcasting';
import { useTestDatabase } from '../support/database';
import { waitFor } from '../support/processes';

// A bot stopped with SIGTERM in the middle of a broadcast (a deploy, a scale-down) finishes the
// sends already on the wire, records them, and gives back its claims on the ones still waiting
// their turn — so the next instance sends those at once, not after the 30 s claim timeout, and
// every recipient gets the message exactly once.
useTestDatabase();
const RECIPIENTS = 300;
const rig = useBroadcastRig({ perSecond: 50 });
const stub = () => rig.stub;

// The claim timeout is left at its default (30 s): only claims given back let the second bot
// finish the broadcast within the wait below.
const start = () => rig.start();

test('SIGTERM halfway through a broadcast: stops within 10 s, nothing lost, nothing sent twice', async () => {
  const { queued } = await enqueue(broadcastTo(RECIPIENTS, stub().url, 'sigterm-test'), new Date());
  expect(queued).toBe(RECIPIENTS);

  const first = await start();
  await waitFor('a third of the broadcast to be sent', () =>
    stub().accepted >= RECIPIENTS / 3 ? true : undefined,
  );
  first.child.kill('SIGTERM');
  const exit = await Promise.race([
    first.exited,
    new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
  ]);
  expect(exit).toBe(0);
  const sentByFirst = stub().accepted;
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
  await untilEverySent(stub(), RECIPIENTS, { ms: 20_000, quietMs: 1000 });
  expectEachRecipientOnce(stub(), RECIPIENTS);
});
