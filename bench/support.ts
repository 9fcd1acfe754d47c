import { execFileSync } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildEmbeddedDatabase } from '../models/embedded/build';
import { startEmbeddedDatabase } from '../models/embedded/server';
import type { Logger } from '../services/log/logger';

/** Samples this process's resident memory until stopped; returns the peak in MB. */
export function peakMemory(intervalMs = 25): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/** Peak resident memory of another process (Linux VmHWM), in MB. */
export function peakMemoryOf(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Replaces the section between `<!-- name -->` and `<!-- /name -->` in bench/README.md. */
export async function writeSection(name: string, body: string): Promise<void> {
  const file = path.join(__dirname, 'README.md');
  const text = await fs.readFile(file, 'utf8');
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined)
    throw new Error(`bench/README.md has no ${start} … ${end} section`);
  await fs.writeFile(file, `${before}${start}\n${body.trim()}\n${end}${after}`);
}

export interface BenchDatabase {
  uri: string;
  /** For the figures: which database the run used. */
  description: string;
  /** The embedded database's process, for its memory figures; none for MONGODB_URI. */
  pid?: number;
  stop(): Promise<void>;
}

/** MONGODB_URI when set; otherwise a fresh embedded database in `<dir>/db`, built if need be. */
export async function benchDatabase(dir: string, log: Logger): Promise<BenchDatabase> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, description: 'MongoDB (MONGODB_URI)', stop: async () => undefined };
  const server = await startEmbeddedDatabase(
    await buildEmbeddedDatabase(path.join(__dirname, '..', '.cache'), log),
    path.join(dir, 'db'),
    log,
  );
  return {
    uri: server.uri,
    description: 'embedded FerretDB 1.24 + SQLite (with the build patches in models/embedded/ferretdb)',
    pid: server.pid,
    stop: () => server.stop(),
  };
}

/** POSTs JSON on a keep-alive agent; resolves with the status and the body as text. */
export function postJson(
  agent: http.Agent,
  url: string | URL,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The compiled bot, as `npm start` and production run it. */
export const COMPILED_BOT = path.join(__dirname, '..', 'dist', 'bot', 'main.js');

/** `npm run build`, and the same mark `npm start` leaves (scripts/start.js) so that it does not build again. */
export function build(): void {
  console.error('  npm run build…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
  });
  const now = new Date();
  utimesSync(COMPILED_BOT, now, now);
}

/** A TCP port free on 127.0.0.1 just now, for a server started next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
