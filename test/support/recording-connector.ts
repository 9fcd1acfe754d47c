import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** A local stand-in for the Bot Connector service: it records what the bot sends and answers ok. */
export async function startRecordingConnector(): Promise<{
  url: string;
  calls: Recorded[];
  close(): Promise<void>;
}> {
  const calls: Recorded[] = [];
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    calls.push({ method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), body });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `activity-${++next}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r())) };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
