import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Recorded } from '../../support/recording-connector';

/** What the stub answers to one call: HTTP status (200), headers, and a JSON body (Slack's `ok`). */
export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Slack's answer to a throttled call: HTTP 429 with `Retry-After` in seconds (Slack docs, "Rate limits"). */
export const rateLimited = (seconds: number): StubAnswer => ({
  status: 429,
  headers: { 'retry-after': String(seconds) },
  body: { ok: false, error: 'ratelimited' },
});

/**
 * A stand-in for the Slack Web API that records every call, as test/support/recording-connector.ts
 * does, and answers each as `answer` says — a 429 for the first three chat.postMessage to one DM,
 * say. `answer` sees the call and how many earlier calls had the same path; undefined gives the
 * ordinary success (`ok`, a `ts`, and for conversations.open the DM `D-<user>`).
 */
export async function startSlackApiStub(
  answer: (call: Recorded, earlier: number) => StubAnswer | undefined = () => undefined,
): Promise<{ url: string; calls: Recorded[]; close(): Promise<void> }> {
  const calls: Recorded[] = [];
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const call: Recorded = {
      method: req.method ?? '',
      path: decodeURIComponent(req.url ?? ''),
      body: await readBody(req),
    };
    const earlier = calls.filter((c) => c.path === call.path).length;
    calls.push(call);
    const given = answer(call, earlier);
    const body = given?.body ?? {
      ok: true,
      ts: `${Date.now() / 1000}.${++next}`,
      channel: { id: `D-${String(call.body.users ?? 'none')}` },
    };
    res.writeHead(given?.status ?? 200, { 'content-type': 'application/json', ...given?.headers });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}
