import { broadcastTo } from '../../bench/broadcast.bench';
import { DeliveryClaim, Job, JobClaim } from '../../models';
import { enqueue } from '../../services/delivery/outbox';
import { schedule } from '../../services/scheduling/scheduler';
import { expectEachRecipientOnce, untilEverySent, useBroadcastRig } from '../support/broadcasting';
import { useTestDatabase } from '../support/database';
import { waitFor } from '../support/processes';

// Two bots (`npm start`'s entry, real processes) on one database, as a council runs them for
// availability, both configured with the app's limit of 50 messages a second. They send one
// broadcast together through a stub Bot Connector that takes everything and records when: sharing
// the limit through the database, together they send at no more than 50 a second (each at the full
// rate would send at twice that), every recipient gets the message once, and both take part. Due
// jobs are run once between them. (The broadcast benchmark measures the rate against a connector
// that answers 429 beyond the limit.)
useTestDatabase();
const RECIPIENTS = 400;
const JOBS = 40;
const rig = useBroadcastRig({ perSecond: 10_000 });

test('two instances send one broadcast within the one app limit, each message once, and run each job once', async () => {
  const now = new Date();
  await enqueue(broadcastTo(RECIPIENTS, rig.stub.url, 'two-instances'), now);
  // A real job kind, for broadcasts that no longer exist: each run only records its outcome.
  await schedule(
    Array.from({ length: JOBS }, (_, i) => ({
      id: `broadcast-send:gone-${i}`,
      kind: 'broadcast-send',
      at: now,
      payload: { broadcast: `gone-${i}` },
    })),
  );
  const both = await Promise.all([
    rig.start({ SCHEDULER_INTERVAL_MS: '50' }),
    rig.start({ SCHEDULER_INTERVAL_MS: '50' }),
  ]);

  await untilEverySent(rig.stub, RECIPIENTS, { ms: 120_000 });
  await waitFor('every job to be done', async () =>
    (await Job.countDocuments({ state: 'done' })) === JOBS ? true : undefined,
  );
  expectEachRecipientOnce(rig.stub, RECIPIENTS);

  // One limit for both: from the 10th to the 90th percentile of the messages, no faster than 50 a
  // second (a busy machine only makes it slower; each instance alone at 50 would take half as long).
  const at = rig.stub.acceptedAt;
  const [first, last] = [Math.floor(RECIPIENTS * 0.1), Math.floor(RECIPIENTS * 0.9)];
  const rate = (last - first) / ((at[last]! - at[first]!) / 1000);
  console.log(`two instances: ${rate.toFixed(1)} messages a second together`);
  expect(rate).toBeLessThanOrEqual(50);
  // Both sent part of it (each claim names the process that made it).
  const claimsBy = new Map<string, number>();
  for (const c of await DeliveryClaim.find({}, { by: 1 }).lean())
    claimsBy.set(String(c.by), (claimsBy.get(String(c.by)) ?? 0) + 1);
  for (const bot of both) {
    const made = [...claimsBy].find(([by]) => by.endsWith(`:${bot.child.pid}`))?.[1] ?? 0;
    expect(made).toBeGreaterThan(RECIPIENTS / 10);
  }

  // Each job ran once, by one or the other.
  const ran = both.flatMap((b) => b.logs.filter((l) => l.msg === 'Job done').map((l) => String(l.job)));
  expect(ran.sort()).toEqual(Array.from({ length: JOBS }, (_, i) => `broadcast-send:gone-${i}`).sort());
  expect(await JobClaim.countDocuments()).toBe(JOBS);
});
