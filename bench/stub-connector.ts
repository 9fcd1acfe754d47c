import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A lean stand-in for the Bot Connector, for load: it answers every call with `{id}`, counts the
 * replies to each incoming activity (`POST /v3/conversations/{conv}/activities/{replyToId}`) and
 * notes when the first one arrived. Bodies are handed to `inspect` as they arrive and then dropped.
 */
export interface StubConnector {
  url: string;
  /** Resolves with the arrival time (performance.now()) of the first reply to `id`, or undefined on timeout. */
  waitFor(id: string, timeoutMs: number): Promise<number | undefined>;
  /** How many replies `id` got. */
  replies(id: string): number;
  /** Calls that were not a reply to an activity (other routes or methods). */
  readonly other: number;
  /** Forgets the counts and arrival times of the last phase. */
  reset(): void;
  close(): Promise<void>;
}

export async function startStubConnector(
  inspect: (replyToId: string, body: string) => void = () => undefined,
): Promise<StubConnector> {
  const counts = new Map<string, number>();
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  let other = 0;
  const reply = Buffer.from('{"id":"stub"}');

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const parts = (req.url ?? '').split('?')[0]?.split('/') ?? [];
      // ['', 'v3', 'conversations', conv, 'activities', replyToId]
      const isReply =
        req.method === 'POST' && parts.length === 6 && parts[1] === 'v3' && parts[4] === 'activities';
      if (isReply) {
        const id = decodeURIComponent(parts[5] as string);
        const seen = counts.get(id) ?? 0;
        counts.set(id, seen + 1);
        if (seen === 0) {
          arrivals.set(id, at);
          const waiter = waiters.get(id);
          if (waiter) {
            waiters.delete(id);
            waiter(at);
          }
        }
        inspect(id, Buffer.concat(chunks).toString('utf8'));
      } else {
        other++;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    waitFor(id, timeoutMs) {
      const at = arrivals.get(id);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(id);
          resolve(undefined);
        }, timeoutMs);
        waiters.set(id, (when) => {
          clearTimeout(timer);
          resolve(when);
        });
      });
    },
    replies: (id) => counts.get(id) ?? 0,
    get other() {
      return other;
    },
    reset() {
      counts.clear();
      arrivals.clear();
      other = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
