import { Delivery } from '../../../models';
import { trusted } from '../../../models/operators';
import { batchCounts, cancelBatch, resendFailed } from '../../../services/delivery/batch';
import { Dispatcher } from '../../../services/delivery/dispatcher';
import { RateLimits } from '../../../services/delivery/limits';
import { SendError, type Sender } from '../../../services/delivery/sender';
import { createLogger } from '../../../services/log/logger';
import { useTestDatabase } from '../../support/database';

const db = useTestDatabase();
beforeEach(() => db.reset());

const log = createLogger('silent');
const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };

async function queue(batch: string, n: number) {
  await Delivery.insertMany(
    Array.from({ length: n }, (_, i) => ({
      _id: `${batch}>p${i}`,
      batch,
      person: `p${i}`,
      platform: 'teams',
      address: { conversation: { id: `c${i}` } },
      message,
      nextAt: new Date('2026-01-01T00:00:00Z'),
    })),
  );
}

/** A platform that records every message and answers as `answer` says, per call. */
function platform(answer: (call: number, to: string) => SendError | undefined) {
  const sent: string[] = [];
  let calls = 0;
  const sender: Sender = {
    conversationOf: (a) => String((a.conversation as { id: string }).id),
    async send(address) {
      const to = String((address.conversation as { id: string }).id);
      const refusal = answer(++calls, to);
      if (refusal) throw refusal;
      sent.push(to);
      return { id: `m-${calls}` };
    },
  };
  return { sender, sent, calls: () => calls };
}

async function drainUntilSettled(dispatcher: Dispatcher, batch: string, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    await dispatcher.drain();
    const counts = await batchCounts(batch);
    if (counts.pending === 0 || Date.now() > end) return counts;
    await new Promise((r) => setTimeout(r, 30));
  }
}

test('a platform answering 429 for a while loses nothing and sends nothing twice', async () => {
  await queue('b1', 40);
  const throttledUntil = Date.now() + 600;
  const p = platform(() =>
    Date.now() < throttledUntil ? new SendError('429: slow down', true, 100, true) : undefined,
  );
  const dispatcher = new Dispatcher({ senders: { teams: p.sender }, log, maxAttempts: 2 });
  const counts = await drainUntilSettled(dispatcher, 'b1');
  expect(counts).toMatchObject({ sent: 40, failed: 0, pending: 0 });
  expect(new Set(p.sent).size).toBe(40);
  expect(p.sent).toHaveLength(40);
  // While paused it stopped knocking: far fewer calls than one per delivery per 100 ms.
  expect(p.calls()).toBeLessThan(40 + 40);
  expect(await Delivery.countDocuments({ failures: trusted({ $gt: 0 }) })).toBe(0);
});

test('refusals are retried, then failed; "resend failed" tries only those again', async () => {
  await queue('b2', 6);
  let broken = true;
  const p = platform((_, to) =>
    broken && (to === 'c1' || to === 'c4') ? new SendError('503: unavailable', true, 10) : undefined,
  );
  const dispatcher = new Dispatcher({ senders: { teams: p.sender }, log, maxAttempts: 3 });
  expect(await drainUntilSettled(dispatcher, 'b2')).toMatchObject({ sent: 4, failed: 2, pending: 0 });
  const failed = await Delivery.find({ status: 'failed' }).lean();
  expect(failed.map((d) => [d.person, d.failures, d.error])).toEqual([
    ['p1', 3, '503: unavailable'],
    ['p4', 3, '503: unavailable'],
  ]);

  broken = false;
  expect(await resendFailed('b2', new Date())).toBe(2);
  expect(await drainUntilSettled(dispatcher, 'b2')).toMatchObject({ sent: 6, failed: 0 });
  expect([...p.sent].sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
});

test('a refusal that cannot succeed fails at once', async () => {
  await queue('b3', 1);
  const p = platform(() => new SendError('403: the bot was removed', false));
  const dispatcher = new Dispatcher({ senders: { teams: p.sender }, log });
  expect(await drainUntilSettled(dispatcher, 'b3')).toMatchObject({ failed: 1 });
  expect(p.calls()).toBe(1);
});

test('cancelling stops what has not gone; two dispatchers never send one delivery twice', async () => {
  await queue('b4', 30);
  const p = platform(() => undefined);
  const limits = () =>
    new RateLimits({
      teams: { perSecond: 100, perConversationPerSecond: 7 },
      slack: { perSecond: 1, perConversationPerSecond: 1 },
    });
  const one = new Dispatcher({ senders: { teams: p.sender }, log, limits: limits(), batchSize: 10 });
  const two = new Dispatcher({ senders: { teams: p.sender }, log, limits: limits(), batchSize: 10 });
  const draining = Promise.all([one.drain(), two.drain()]);
  await new Promise((r) => setTimeout(r, 60));
  const { cancelled, held } = await cancelBatch('b4');
  const sentThen = (await batchCounts('b4')).sent;
  await draining;
  const counts = await batchCounts('b4');
  expect(counts.sent + counts.cancelled).toBe(30);
  expect(counts.cancelled).toBeGreaterThan(0);
  expect(counts.cancelled).toBeGreaterThanOrEqual(cancelled);
  // Only sends a dispatcher already held when the cancel came went after it.
  expect(counts.sent).toBeLessThanOrEqual(sentThen + held);
  expect(p.sent).toHaveLength(counts.sent);
  expect(new Set(p.sent).size).toBe(p.sent.length);
});

test('stopping gives back the claims on sends not yet made, so another instance sends them at once', async () => {
  await queue('b5', 120);
  const sent: string[] = [];
  let started!: () => void;
  const firstSends = new Promise<void>((resolve) => (started = resolve));
  const slow: Sender = {
    conversationOf: (a) => String((a.conversation as { id: string }).id),
    async send(address) {
      sent.push(String((address.conversation as { id: string }).id));
      if (sent.length === 5) started();
      await new Promise((r) => setTimeout(r, 30));
      return { id: `m-${sent.length}` };
    },
  };
  const limits = () =>
    new RateLimits({
      teams: { perSecond: 20, perConversationPerSecond: 7 },
      slack: { perSecond: 1, perConversationPerSecond: 1 },
    });
  const first = new Dispatcher({ senders: { teams: slow }, log, limits: limits(), instance: 'first' });
  const draining = first.drain();
  await firstSends;
  const { released } = await first.stop();
  await draining;
  const sentByFirst = sent.length;
  // The lookahead holds about four seconds of sends: most of them were claimed and waiting.
  expect(released).toBeGreaterThan(0);
  expect(sentByFirst).toBeLessThan(120);
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(sentByFirst);

  // The default claim timeout is 30 s: only a given-back claim lets this send everything now.
  const second = new Dispatcher({ senders: { teams: slow }, log, limits: limits(), instance: 'second' });
  expect(await drainUntilSettled(second, 'b5', 20_000)).toMatchObject({ sent: 120, pending: 0 });
  expect(sent).toHaveLength(120);
  expect(new Set(sent).size).toBe(120);
});

test('a send handed to the platform before a cancel is counted sent, and the cancel counts it apart', async () => {
  await queue('b6', 80);
  // A platform that takes 300 ms to accept each message: a cancel finds sends on the wire.
  const handed: string[] = [];
  const accepted: string[] = [];
  const slow: Sender = {
    conversationOf: (a) => String((a.conversation as { id: string }).id),
    async send(address) {
      const to = String((address.conversation as { id: string }).id);
      handed.push(to);
      await new Promise((r) => setTimeout(r, 300));
      accepted.push(to);
      return { id: `m-${to}` };
    },
  };
  const limits = () =>
    new RateLimits({
      teams: { perSecond: 20, perConversationPerSecond: 7 },
      slack: { perSecond: 1, perConversationPerSecond: 1 },
    });
  const one = new Dispatcher({ senders: { teams: slow }, log, limits: limits() });
  const two = new Dispatcher({ senders: { teams: slow }, log, limits: limits() });
  const draining = Promise.all([one.drain(), two.drain()]);
  const end = Date.now() + 20_000;
  while (handed.length - accepted.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  const onTheWire = handed.length - accepted.length;
  expect(onTheWire).toBeGreaterThanOrEqual(4);

  const { cancelled, held } = await cancelBatch('b6');
  // What was on the wire (and what was lined up) is held by a dispatcher, not counted as stopped.
  expect(held).toBeGreaterThanOrEqual(onTheWire);
  await draining;
  const counts = await drainUntilSettled(one, 'b6');
  // The platform's count and ours agree, delivery by delivery.
  expect(counts).toMatchObject({
    pending: 0,
    failed: 0,
    sent: accepted.length,
    cancelled: 80 - accepted.length,
  });
  const sent = await Delivery.find({ batch: 'b6', status: 'sent' }, { address: 1 }).lean();
  expect(sent.map((d) => (d.address as { conversation: { id: string } }).conversation.id).sort()).toEqual(
    [...accepted].sort(),
  );
  expect(counts.cancelled).toBeGreaterThanOrEqual(cancelled);
  expect(new Set(handed).size).toBe(handed.length);
});
