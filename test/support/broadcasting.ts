import { conversationOf } from '../../bench/broadcast.bench';
import {
  startRateLimitedConnector,
  type RateLimitedConnector,
  type RateLimitedConnectorOptions,
} from '../../bench/rate-limited-connector';
import { Delivery } from '../../models';
import { startBotOnTestDatabase, waitFor, type Started } from './processes';

export interface BroadcastRig {
  /** The stub Bot Connector, started before the file's tests. */
  readonly stub: RateLimitedConnector;
  /** Every bot process started; all are ended after the file. */
  readonly bots: Started[];
  /** Starts `npm start`'s entry on this file's database, sending at Teams' 50 a second. */
  start(env?: Record<string, string>): Promise<Started>;
}

/**
 * The parts of a broadcast test with real bot processes: a stub Bot Connector that allows
 * `options.perSecond` requests in any sliding second (bench/rate-limited-connector.ts), and the
 * bots, which are woken if frozen and killed after the file (the stub closed too).
 */
export function useBroadcastRig(options: RateLimitedConnectorOptions): BroadcastRig {
  let stub: RateLimitedConnector | undefined;
  const bots: Started[] = [];
  beforeAll(async () => {
    stub = await startRateLimitedConnector(options);
  });
  afterAll(async () => {
    for (const b of bots) {
      if (b.child.exitCode !== null) continue;
      b.child.kill('SIGCONT');
      b.child.kill('SIGKILL');
    }
    await stub?.close();
  });
  return {
    get stub() {
      if (!stub) throw new Error('The stub connector starts in beforeAll');
      return stub;
    },
    bots,
    start: (env = {}) =>
      startBotOnTestDatabase({ TEAMS_RATE_PER_SECOND: '50', OUTBOX_INTERVAL_MS: '100', ...env }, bots),
  };
}

/**
 * Resolves once the connector has a message for each of `recipients` and the outbox has marked
 * every delivery sent, then after `quietMs` more — time for a duplicate to show, were there one.
 */
export async function untilEverySent(
  stub: RateLimitedConnector,
  recipients: number,
  options: { ms?: number; quietMs?: number } = {},
): Promise<void> {
  await waitFor(
    'every recipient to get the message',
    () => (stub.counts.size === recipients ? true : undefined),
    options.ms,
  );
  await waitFor('every delivery to be marked sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) === recipients ? true : undefined,
  );
  await new Promise((r) => setTimeout(r, options.quietMs ?? 1500));
}

/** Each of the broadcast's `recipients` (bench/broadcast.bench.ts `broadcastTo`) got it once. */
export function expectEachRecipientOnce(stub: RateLimitedConnector, recipients: number): void {
  expect([...stub.counts].filter(([, count]) => count !== 1)).toEqual([]);
  const expected = Array.from({ length: recipients }, (_, i) => conversationOf(i)).sort();
  expect([...stub.counts.keys()].sort()).toEqual(expected);
}
