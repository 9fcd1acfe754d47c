import { broadcastTo } from '../../bench/broadcast.bench';
import { Delivery } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { expectEachRecipientOnce, untilEverySent, useBroadcastRig } from '../support/broadcasting';
import { useTestDatabase } from '../support/database';
import { freeze, waitFor } from '../support/processes';

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
let phase: 'sending' | 'holding' | 'taken over' = 'sending';
const rig = useBroadcastRig({
  perSecond: 50,
  beforeAccept() {
    if (phase === 'sending' && rig.stub.accepted >= RECIPIENTS / 3) phase = 'holding';
    return phase !== 'holding';
  },
});
const start = () => rig.start({ OUTBOX_CLAIM_TIMEOUT_MS: '6000' });

test('an instance frozen past the claim timeout sends nothing twice when it wakes', async () => {
  await enqueue(broadcastTo(RECIPIENTS, rig.stub.url, 'frozen-sender'), new Date());
  const frozen = await start();
  await waitFor('a third of the broadcast to be sent', () => (phase === 'holding' ? true : undefined));
  await waitFor('the outbox to record what was sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) >= rig.stub.accepted ? true : undefined,
  );
  await freeze(frozen.child.pid!);
  const sentBeforeFreeze = rig.stub.accepted;
  phase = 'taken over';

  await start();
  await waitFor(
    'every recipient to get the message',
    () => (rig.stub.counts.size === RECIPIENTS ? true : undefined),
    120_000,
  );
  // The frozen instance wakes with its claims lined up, past their time.
  frozen.child.kill('SIGCONT');
  await untilEverySent(rig.stub, RECIPIENTS, { quietMs: 3000 });

  expect(sentBeforeFreeze).toBeLessThan(RECIPIENTS);
  expectEachRecipientOnce(rig.stub, RECIPIENTS);
  expect(frozen.child.exitCode).toBeNull(); // it woke and carried on
  // What it held was let go, and said so.
  expect(frozen.logs.some((l) => l.msg === 'Send not made: its claim could not be renewed in time')).toBe(
    true,
  );
});
