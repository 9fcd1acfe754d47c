import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Connector that enforces Teams' app-wide limit: by default at most
 * `perSecond` requests accepted in any sliding one-second window (so no burst above the limit
 * either). A request over the limit is answered 429 with `Retry-After`, and does not count.
 *
 * It counts what it accepted per conversation, so a caller can find messages delivered twice or
 * never; it keeps the arrival time of every accepted message, so the sustained rate can be
 * computed. A client that disappears mid-request (a killed bot) costs it nothing: what arrived
 * whole was accepted, as the real service would have delivered it, and the rest is dropped.
 */
export interface RateLimitedConnector {
  url: string;
  readonly perSecond: number;
  /** Messages accepted into each conversation (`POST /v3/conversations/{id}/activities[/{replyTo}]`). */
  readonly counts: ReadonlyMap<string, number>;
  /** Arrival time (Date.now()) of every accepted message, in order. */
  readonly acceptedAt: readonly number[];
  /** The conversation of each of those messages. */
  readonly acceptedIn: readonly string[];
  /** Accepted messages in all. */
  readonly accepted: number;
  /** Requests answered 429. */
  readonly throttled: number;
  /** 429s answered to the messages of each conversation (conversation creations not included). */
  readonly throttledIn: ReadonlyMap<string, number>;
  /** 1:1 conversations created (`POST /v3/conversations`). */
  readonly created: number;
  /** Requests refused otherwise: an unknown route or a body that is not an activity (4xx), `beforeAccept` (503). */
  readonly rejected: number;
  /** Requests whose client went away before the answer was written. */
  readonly abandoned: number;
  /** Accepted messages in each whole second since `from` (default: the first acceptance). */
  perSecondSince(from?: number): number[];
  close(): Promise<void>;
}

export interface RateLimitedConnectorOptions {
  /** Requests per second for the whole app; Teams documents 50 per app per tenant. */
  perSecond?: number;
  /** The Retry-After a 429 carries, in whole seconds. */
  retryAfterSeconds?: number;
  /**
   * `window` (default): at most `perSecond` accepted in any sliding second. `bucket`: a token bucket
   * of `perSecond` tokens refilled at `perSecond` a second — the same rate, but it lets a request
   * that comes a little early through when the ones before it came late.
   */
  limiter?: 'window' | 'bucket';
  /**
   * Called as a message is about to be accepted; returning false answers it 503 instead, uncounted
   * (a test uses it to kill the sender at a known moment).
   */
  beforeAccept?(conversation: string): boolean;
}

const WINDOW_MS = 1000;

export async function startRateLimitedConnector(
  options: RateLimitedConnectorOptions = {},
): Promise<RateLimitedConnector> {
  const perSecond = options.perSecond ?? 50;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const counts = new Map<string, number>();
  const acceptedAt: number[] = [];
  const acceptedIn: string[] = [];
  const throttledIn = new Map<string, number>();
  // Times of the requests accepted in the last second (messages and conversation creations alike),
  // oldest first: a ring of `perSecond` slots is all a sliding window of that size needs.
  const ring = new Array<number>(perSecond).fill(-Infinity);
  let oldest = 0;
  let throttled = 0;
  let created = 0;
  let rejected = 0;
  let abandoned = 0;

  let tokens = perSecond;
  let filledAt = Date.now();
  /** Takes a slot in the window (or a token from the bucket) if one is free. */
  const admit = (now: number): boolean => {
    if (options.limiter === 'bucket') {
      tokens = Math.min(perSecond, tokens + ((now - filledAt) * perSecond) / WINDOW_MS);
      filledAt = now;
      if (tokens < 1) return false;
      tokens--;
      return true;
    }
    if (now - (ring[oldest] as number) < WINDOW_MS) return false;
    ring[oldest] = now;
    oldest = (oldest + 1) % perSecond;
    return true;
  };

  const answer = (
    res: ServerResponse,
    status: number,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    if (res.destroyed || res.writableEnded) {
      abandoned++;
      return;
    }
    const text = body ? JSON.stringify(body) : '';
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const now = Date.now();
    const parts = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    // ['', 'v3', 'conversations'] or ['', 'v3', 'conversations', conv, 'activities'(, replyToId)]
    const isCreate =
      req.method === 'POST' && parts.length === 3 && parts[1] === 'v3' && parts[2] === 'conversations';
    const isSend =
      req.method === 'POST' &&
      (parts.length === 5 || parts.length === 6) &&
      parts[1] === 'v3' &&
      parts[2] === 'conversations' &&
      parts[4] === 'activities';
    if (!isCreate && !isSend) {
      rejected++;
      return answer(res, 404, { error: { code: 'NotFound', message: `${req.method} ${req.url}` } });
    }
    let body: { type?: unknown; members?: { id?: unknown }[] };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      rejected++;
      return answer(res, 400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
    }
    const conversation = isSend ? decodeURIComponent(parts[3] as string) : '';
    if (isSend && options.beforeAccept?.(conversation) === false) {
      rejected++;
      return answer(res, 503, { error: { code: 'ServiceUnavailable', message: 'refused by the test' } });
    }
    if (!admit(now)) {
      throttled++;
      if (isSend) throttledIn.set(conversation, (throttledIn.get(conversation) ?? 0) + 1);
      return answer(
        res,
        429,
        { error: { code: 'Throttled', message: 'Too many requests' } },
        {
          'retry-after': retryAfter,
        },
      );
    }
    if (isCreate) {
      created++;
      // The same person always gets the same 1:1 chat, as in Teams.
      const member = String(body.members?.[0]?.id ?? `anonymous-${created}`);
      return answer(res, 200, { id: `a:1on1-${member}`, activityId: `created-${created}` });
    }
    if (body.type !== 'message') {
      rejected++;
      return answer(res, 400, { error: { code: 'BadArgument', message: 'not a message activity' } });
    }
    counts.set(conversation, (counts.get(conversation) ?? 0) + 1);
    acceptedAt.push(now);
    acceptedIn.push(conversation);
    answer(res, 200, { id: `${conversation}#${acceptedAt.length}` });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    // A client killed mid-request resets its socket: nothing to do but let the request go.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    perSecond,
    counts,
    acceptedAt,
    acceptedIn,
    throttledIn,
    get accepted() {
      return acceptedAt.length;
    },
    get throttled() {
      return throttled;
    },
    get created() {
      return created;
    },
    get rejected() {
      return rejected;
    },
    get abandoned() {
      return abandoned;
    },
    perSecondSince(from = acceptedAt[0] ?? Date.now()) {
      const seconds: number[] = [];
      for (const at of acceptedAt) {
        if (at < from) continue;
        const i = Math.floor((at - from) / 1000);
        while (seconds.length <= i) seconds.push(0);
        seconds[i] = (seconds[i] as number) + 1;
      }
      return seconds;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
