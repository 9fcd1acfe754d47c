import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** What the stub answered. */
  answer?: { id: string };
}

/** A local stand-in for the Bot Connector and the Slack Web API: it records what the bot sends. */
export async function startRecordingConnector(
  /** Answers for particular calls (a member list, say); undefined falls back to the default. */
  answers: (method: string, path: string) => Record<string, unknown> | undefined = () => undefined,
): Promise<{
  url: string;
  calls: Recorded[];
  close(): Promise<void>;
}> {
  const calls: Recorded[] = [];
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    // Both the Bot Connector ({id}) and the Slack Web API ({ok, ts}) accept this answer;
    // conversations.open answers with the DM channel: one per user, as Slack does.
    const path = decodeURIComponent(req.url ?? '');
    const answer = answers(req.method ?? '', path) ?? {
      ok: true,
      id: `activity-${++next}`,
      ts: `${Date.now() / 1000}`,
      channel: { id: `D-${String(body.users ?? 'none')}` },
    };
    calls.push({ method: req.method ?? '', path, body, answer: answer as { id: string } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r())) };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}
