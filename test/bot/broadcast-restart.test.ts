import { broadcastTo } from '../../bench/broadcast.bench';
import { Delivery } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { expectEachRecipientOnce, untilEverySent, useBroadcastRig } from '../support/broadcasting';
import { useTestDatabase } from '../support/database';
import { waitFor } from '../support/processes';

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
let phase: 'sending' | 'holding' | 'restarted' = 'sending';
const rig = useBroadcastRig({
  perSecond: 50,
  beforeAccept() {
    if (phase === 'sending' && rig.stub.accepted >= RECIPIENTS / 2) phase = 'holding';
    return phase !== 'holding';
  },
});
const stub = () => rig.stub;
// Shorter than the test: the claims the killed bot left are given up after it.
const start = () => rig.start({ OUTBOX_CLAIM_TIMEOUT_MS: '8000' });

test('a bot killed halfway through a broadcast, then two more: each recipient gets it exactly once', async () => {
  const { queued } = await enqueue(broadcastTo(RECIPIENTS, stub().url, 'restart-test'), new Date());
  expect(queued).toBe(RECIPIENTS);

  const first = await start();
  await waitFor('half the broadcast to be sent', () => (phase === 'holding' ? true : undefined));
  await waitFor('the outbox to record what was sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) >= stub().accepted ? true : undefined,
  );
  first.child.kill('SIGKILL');
  await first.exited;
  const sentBeforeKill = stub().accepted;
  expect(sentBeforeKill).toBeGreaterThanOrEqual(RECIPIENTS / 2);
  expect(sentBeforeKill).toBeLessThan(RECIPIENTS);
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(sentBeforeKill);
  phase = 'restarted';

  await Promise.all([start(), start()]);
  await untilEverySent(stub(), RECIPIENTS);
  expectEachRecipientOnce(stub(), RECIPIENTS);
  expect(stub().accepted).toBe(RECIPIENTS);
});
