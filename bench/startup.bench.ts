// Issue 10 benchmark: how long a start takes, and where the time goes. `npm start` (compiled, run
// in npm's own process) against the old way (`node --import tsx bot/main.ts`, compiling every
// TypeScript file at each start), side by side on one data folder that already holds the demo.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { machine, writeSection } from './support';

const ROOT = path.join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 5);

interface Way {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const WAYS: Way[] = [
  { name: '`npm start` (compiled dist/)', command: 'npm', args: ['start'] },
  {
    name: 'before: `node --import tsx bot/main.ts`, tsx cache warm',
    command: process.execPath,
    args: ['--import', 'tsx', 'bot/main.ts'],
  },
  // The old `npm start` script: the tsx command, which starts a second node to run the bot.
  {
    name: 'before: `tsx bot/main.ts`',
    command: path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    args: ['bot/main.ts'],
  },
  // As on a fresh clone, or after a pull: tsx compiles every file it loads.
  {
    name: 'before, tsx cache cold',
    command: process.execPath,
    args: ['--import', 'tsx', 'bot/main.ts'],
    env: { TSX_DISABLE_CACHE: '1' },
  },
];

/** Milliseconds from spawning to each milestone the bot logs, and to /healthz answering. */
interface Timeline {
  database: number;
  connected: number;
  demo?: number;
  running: number;
  healthy: number;
}

const MILESTONES: Record<string, keyof Timeline> = {
  'Embedded database listening': 'database',
  'Database connected': 'connected',
  'Demo plan loaded': 'demo',
  'Golden Thread is running': 'running',
};

async function startOnce(way: Way, dataDir: string, port: number): Promise<Timeline> {
  const started = performance.now();
  const child = spawn(way.command, way.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...way.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: Partial<Timeline> = {};
  createInterface({ input: child.stdout }).on('line', (line) => {
    const key = Object.entries(MILESTONES).find(([msg]) => line.includes(`"msg":"${msg}"`))?.[1];
    if (key && seen[key] === undefined) seen[key] = performance.now() - started;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`${way.name} exited at start`);
    await new Promise((r) => setTimeout(r, 20));
  }
  seen.healthy = performance.now() - started;
  child.kill('SIGTERM');
  await exited;
  return seen as Timeline;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const s = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(2));

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-start-'));
  const port = 39_000 + Math.floor(Math.random() * 1000);
  try {
    // The first start builds dist/ if need be and loads the demo; it is reported on its own.
    const first = await startOnce(WAYS[0]!, dataDir, port);
    const runs = new Map<Way, Timeline[]>(WAYS.map((w) => [w, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const way of WAYS) runs.get(way)!.push(await startOnce(way, dataDir, port));
    const row = (name: string, t: (x: Timeline) => number | undefined) =>
      `| ${name} | ${WAYS.map((w) => s(median(runs.get(w)!.map((x) => t(x) ?? Number.NaN)))).join(' | ')} |`;
    const [compiled, warm, , cold] = WAYS.map((w) => median(runs.get(w)!.map((x) => x.healthy)));
    const body = `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}.
Each way started ${ROUNDS} times, alternately, on one data folder that already holds the demo (so no demo load);
seconds from spawning the command to each thing the bot logs, median of the runs. The first \`npm start\` on the
empty folder (building dist/ if stale, loading the demo) took ${s(first.healthy)} s to a healthy /healthz
(demo loaded at ${s(first.demo)} s).

| seconds from spawn to | ${WAYS.map((w) => w.name).join(' | ')} |
|---|---|---|---|---|
${row('embedded database listening (modules loaded, FerretDB started)', (x) => x.database)}
${row('database connected (indexes checked)', (x) => x.connected)}
${row('listening', (x) => x.running)}
${row('**/healthz answers**', (x) => x.healthy)}

Against the compiled start, the tsx start took ${(warm! / compiled!).toFixed(1)}× as long with its cache warm and
${(cold! / compiled!).toFixed(1)}× with it cold: the difference is tsx compiling TypeScript as it loads, every file
when its cache is cold (a fresh clone, a changed file, a cleaned /tmp). What is left is Node loading the bot's
~3,000 modules and FerretDB starting beside it: the database listens within a second of the spawn.`;
    await writeSection('startup', body);
    return body;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
