// Issue 10 benchmark: the resident memory of the compiled bot (`npm run build`, then node dist/bot/main.js
// as `npm start` runs it) at idle and under the ask load, with and without --max-semi-space-size=8.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { connect, DEFAULT_DB_NAME } from '../models/database';
import { createLogger } from '../services/log/logger';
import { CONCURRENCY, Driver, loadPlanElsewhere, planCodes, random, USERS, type Phase } from './ask.bench';
import {
  benchDatabase,
  build,
  COMPILED_BOT as MAIN,
  freePort,
  machine,
  peakMemoryOf,
  percentile,
  writeSection,
} from './support';

const ROOT = path.join(__dirname, '..');
/** What `npm start` adds (package.json); the runs without it show what it is worth. */
const FLAG = '--max-semi-space-size=8';
const GOAL_MB = 200;
const IDLE_MS = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 15) * 1000;
const WARMUP_MS = 3_000;
const LOAD_MS = Number(process.env.BENCH_MEMORY_LOAD_SECONDS ?? 30) * 1000;
const AFTER_MS = 10_000;
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 2);
const SAMPLE_MS = 250;
const READY_TIMEOUT_MS = 120_000;
/** The growth between the first and the last third of the load that still counts as flat. */
const FLAT_MB = 10;

interface Variant {
  key: 'flag' | 'plain' | 'try';
  /** Its name in the tables. */
  short: string;
  flags: string[];
}

const VARIANTS: Variant[] = [
  { key: 'flag', short: 'A', flags: [FLAG] },
  { key: 'plain', short: 'B', flags: [] },
  // BENCH_MEMORY_TRY="--some-flag …": a third variant, npm start's flag and these, to try settings with.
  ...(process.env.BENCH_MEMORY_TRY
    ? [
        {
          key: 'try' as const,
          short: 'C',
          flags: [FLAG, ...process.env.BENCH_MEMORY_TRY.split(/\s+/)],
        },
      ]
    : []),
];

/** From /proc/<pid>/status, in MB. */
interface Status {
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}

type Stage = 'idle' | 'warmup' | 'load' | 'after';

interface Sample {
  stage: Stage;
  bot: Status;
  db?: Status;
}

/** The V8 heap as the bot's own /metrics reports it (prom-client's default metrics), in MB. */
type Heap = Record<
  'pooled' | 'rss' | 'heapTotal' | 'heapUsed' | 'newSpace' | 'oldSpace' | 'code' | 'large' | 'external',
  number
>;

interface Run {
  variant: Variant;
  metrics: boolean;
  readySeconds: number;
  idle: Status;
  dbIdle?: Status;
  phase: Phase;
  samples: Sample[];
  end: Status;
  after: Status;
  botPeak: number;
  dbPeak?: number;
  heap: Partial<Record<'idle' | 'load' | 'after', Heap>>;
  /** Collections traced in the diagnostic runs. */
  gcs: Gc[];
  /** Warnings and errors the bot logged, by message (its expected notices left out). */
  logged: Map<string, number>;
}

function status(pid: number | undefined): Status | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
    return { rss: field('VmRSS'), hwm: field('VmHWM'), anon: field('RssAnon'), file: field('RssFile') };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** `pooled` comes from the last --trace-gc line: /metrics does not say. */
async function scrapeHeap(base: string, pooled: number): Promise<Heap | undefined> {
  const { status: code, text } = await get(`${base}/metrics`).catch(() => ({ status: 0, text: '' }));
  if (code !== 200) return undefined;
  const value = (name: string, space?: string) => {
    const key = space ? `${name}{space="${space}"}` : name;
    const line = text.split('\n').find((l) => l.startsWith(`${key} `));
    return Number(line?.split(' ')[1] ?? Number.NaN) / 1024 / 1024;
  };
  const spaceTotal = 'nodejs_heap_space_size_total_bytes';
  return {
    pooled,
    rss: value('process_resident_memory_bytes'),
    heapTotal: value('nodejs_heap_size_total_bytes'),
    heapUsed: value('nodejs_heap_size_used_bytes'),
    newSpace: value(spaceTotal, 'new'),
    oldSpace: value(spaceTotal, 'old'),
    code: value(spaceTotal, 'code'),
    large: value(spaceTotal, 'large_object'),
    external: value('nodejs_external_memory_bytes'),
  };
}

/** The embedded database's process: the bot's database writes its pid into DATA_DIR/.lock once it listens. */
function databasePid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(dataDir, '.lock'), 'utf8')) as { pid?: number }).pid;
  } catch {
    return undefined;
  }
}

/** Notices the bot gives at every start in this set-up (local mode, open metrics): not worth a mention. */
const EXPECTED = [/LOCAL MODE/, /^Metrics are/];

/** One line of --trace-gc: `… 5123 ms: Mark-Compact 380.1 (401.2) -> 95.3 (120.0) MB, …`. */
interface Gc {
  stage: Stage;
  kind: string;
  /** Heap in use before and after, MB. */
  before: number;
  after: number;
  /** V8's pool of freed pages it keeps for reuse (resident), MB. */
  pooled: number;
}

const GC_LINE =
  /(?<!\d)\d+ ms: ([A-Za-z -]+?)(?: \([a-z ]+\))* ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB(?:, pooled: ([\d.]+) MB)?/;
/** Any other line of --trace-gc's: left out of the bot's messages. */
const OTHER_GC_LINE = /^\[\d+:0x[0-9a-f]+(?::\d+)?\]\s+\d+ ms: /;

function watchOutput(
  child: ChildProcess,
  logged: Map<string, number>,
  onGc: (gc: Omit<Gc, 'stage'>) => void,
): void {
  const note = (msg: string) => logged.set(msg, (logged.get(msg) ?? 0) + 1);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const gc = GC_LINE.exec(line);
    if (gc)
      return onGc({
        kind: gc[1] as string,
        before: Number(gc[2]),
        after: Number(gc[4]),
        pooled: Number(gc[6] ?? 0),
      });
    if (OTHER_GC_LINE.test(line)) return;
    let msg = line;
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg);
    } catch {
      // not a log line: noted as it is
    }
    if (!EXPECTED.some((e) => e.test(msg))) note(msg);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.includes('DEP0') || line.includes('--trace-deprecation')) return;
    console.error(`  [bot ${child.pid}] ${line}`);
    note(line);
  });
}

async function stopBot(child: ChildProcess, exited: Promise<void>, dbPid?: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
  // The next bot may only start once this one's database has let go of the folder.
  for (let i = 0; dbPid && existsSync(`/proc/${dbPid}`) && i < 200; i++) await sleep(50);
}

interface Where {
  /** DATA_DIR for the embedded database, or MONGODB_URI and MONGODB_DB. */
  env: Record<string, string>;
  dataDir?: string;
}

async function measure(variant: Variant, metrics: boolean, where: Where): Promise<Run> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    TEAMS_LOCAL_MODE: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DEMO_PLAN: 'never',
    ...(metrics ? { METRICS: 'on' } : {}),
    ...where.env,
  };
  const started = performance.now();
  // The diagnostic runs also trace the collector.
  const child = spawn(process.execPath, [...variant.flags, ...(metrics ? ['--trace-gc'] : []), MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const logged = new Map<string, number>();
  const samples: Sample[] = [];
  const gcs: Gc[] = [];
  let stage: Stage = 'idle';
  watchOutput(child, logged, (gc) => gcs.push({ ...gc, stage }));
  let dbPid: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const driver = new Driver(planCodes(), random(3));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the bot exited before it answered /healthz: ${[...logged.keys()].join('; ')}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('the bot did not answer /healthz');
      if ((await get(`${base}/healthz`).catch(() => ({ status: 0 }))).status === 200) break;
      await sleep(100);
    }
    const readySeconds = (performance.now() - started) / 1000;
    if (where.dataDir) dbPid = databasePid(where.dataDir);
    const sample = () => {
      const bot = status(child.pid);
      if (bot) samples.push({ stage, bot, db: status(dbPid) });
    };
    timer = setInterval(sample, SAMPLE_MS);
    const heap: Run['heap'] = {};

    await sleep(IDLE_MS);
    const idle = status(child.pid) as Status;
    const dbIdle = status(dbPid);
    if (metrics) heap.idle = await scrapeHeap(base, gcs.at(-1)?.pooled ?? 0);

    const target = { bot: 'real' as const, url: new URL(`${base}/api/messages`), agent };
    stage = 'warmup';
    await driver.load(target, WARMUP_MS);
    stage = 'load';
    const phase = await driver.load(target, LOAD_MS);
    const end = status(child.pid) as Status;
    if (metrics) heap.load = await scrapeHeap(base, gcs.at(-1)?.pooled ?? 0);

    stage = 'after';
    await sleep(AFTER_MS);
    const after = status(child.pid) as Status;
    if (metrics) heap.after = await scrapeHeap(base, gcs.at(-1)?.pooled ?? 0);
    clearInterval(timer);
    sample();
    return {
      variant,
      metrics,
      readySeconds,
      idle,
      dbIdle,
      phase,
      samples,
      end,
      after,
      botPeak: peakMemoryOf(child.pid as number) ?? Math.max(...samples.map((s) => s.bot.rss)),
      dbPeak: dbPid ? peakMemoryOf(dbPid) : undefined,
      heap,
      gcs,
      logged,
    };
  } finally {
    clearInterval(timer);
    agent.destroy();
    await (await driver.connector()).close();
    await stopBot(child, exited, dbPid);
  }
}

const mb = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : `${n.toFixed(0)}`);
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

/** Mean RSS of the first and the last third of the measured load. */
function thirds(run: Run): { first: number; last: number; growth: number; flat: boolean } {
  const load = run.samples.filter((s) => s.stage === 'load').map((s) => s.bot.rss);
  const third = Math.max(1, Math.floor(load.length / 3));
  const first = mean(load.slice(0, third));
  const last = mean(load.slice(-third));
  const growth = last - first;
  return { first, last, growth, flat: growth <= Math.max(FLAT_MB, 0.05 * first) };
}

/** The largest RSS sampled from the start of the warm-up to the end of the load. */
const loadPeak = (run: Run) =>
  Math.max(...run.samples.filter((s) => s.stage === 'warmup' || s.stage === 'load').map((s) => s.bot.rss));
const dbUnderLoad = (run: Run) =>
  Math.max(0, ...run.samples.filter((s) => s.stage === 'load').map((s) => s.db?.rss ?? 0));

/** What --trace-gc showed during the warm-up and the load. */
function gcSummary(run: Run): string {
  const load = run.gcs.filter((g) => g.stage === 'warmup' || g.stage === 'load');
  const major = load.filter((g) => g.kind.startsWith('Mark'));
  const minor = load.length - major.length;
  const seconds = (WARMUP_MS + LOAD_MS) / 1000;
  const range = (list: number[]) => `${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}`;
  const list =
    major.length <= 8
      ? major.map((g) => `${g.before.toFixed(0)} → ${g.after.toFixed(0)}`).join(', ')
      : `${range(major.map((g) => g.before))} → ${range(major.map((g) => g.after))}`;
  // What the heap grew by between one collection and the next is what was allocated in between.
  const measured = run.gcs.filter((g) => g.stage === 'load');
  const allocated = measured.slice(1).reduce((sum, g, i) => sum + g.before - (measured[i] as Gc).after, 0);
  return (
    `${minor} minor collections (${(minor / seconds).toFixed(0)}/s); full collections: ${major.length}` +
    (major.length ? ` (heap in use before → after: ${list} MB)` : '') +
    `; about ${((allocated * 1024) / Math.max(1, run.phase.requests)).toFixed(0)} KB allocated per question`
  );
}

function describe(run: Run, i: number): string {
  const p = run.phase;
  return (
    `  ${run.variant.key}${run.metrics ? '+metrics' : ''} #${i}: ready ${run.readySeconds.toFixed(1)} s, ` +
    `idle ${mb(run.idle.rss)} MB, load peak ${mb(loadPeak(run))} MB, end ${mb(run.end.rss)} MB, ` +
    `after ${mb(run.after.rss)} MB, VmHWM ${mb(run.botPeak)} MB; ${p.perSecond.toFixed(0)}/s, ` +
    `p50 ${percentile(p.latencies, 50).toFixed(1)} ms, p99 ${percentile(p.latencies, 99).toFixed(1)} ms, ` +
    `${p.correct}/${p.requests} correct; db idle ${mb(run.dbIdle?.rss)} MB, db peak ${mb(run.dbPeak)} MB` +
    (run.metrics ? `\n    heap ${JSON.stringify(run.heap)}\n    gc under load: ${gcSummary(run)}` : '')
  );
}

function figures(runs: Run[], description: string, importDbPeak: number | undefined): string {
  const embedded = description.startsWith('embedded');
  const plain = VARIANTS.flatMap((v) => runs.filter((r) => !r.metrics && r.variant === v));
  const nth = (r: Run) =>
    runs.filter((o) => o.variant === r.variant && o.metrics === r.metrics).indexOf(r) + 1;
  const row = (what: string, cell: (r: Run) => string, goal = '') =>
    `| ${what} | ${plain.map(cell).join(' | ')} | ${goal} |`;
  const of = (key: Variant['key']) => plain.filter((r) => r.variant.key === key);
  const worst = (list: Run[], f: (r: Run) => number) => Math.max(...list.map(f));
  const verdict = (list: Run[]) => {
    const idle = worst(list, (r) => r.idle.rss);
    const peak = worst(list, (r) => r.botPeak);
    return `idle ${mb(idle)} MB: ${met(idle <= GOAL_MB)}; peak ${mb(peak)} MB: ${met(peak <= GOAL_MB)}`;
  };
  const ratio = (f: (r: Run) => number) => (mean(of('plain').map(f)) / mean(of('flag').map(f))).toFixed(2);
  const n = (x: number) => x.toLocaleString('en-GB');
  const command = (v: Variant) => `\`node ${[...v.flags, 'dist/bot/main.js'].join(' ')}\``;

  const lines = [
    `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${description}.`,
    `The machine has ${os.cpus().length} cores, shared by the bot, its database and the bench process (load generator and`,
    `stub Bot Connector), and other work was running on it at the same time: throughput and latency vary from run to run.`,
    '',
    `\`npm run build\` (tsc → dist/), then the compiled bot (no tsx) in a process of its own, started ${ROUNDS} times each way,`,
    `alternately, on the same data:`,
    ...VARIANTS.map(
      (v) =>
        `**${v.short}** ${command(v)}` +
        (v.key === 'flag'
          ? ' — what `npm start` runs'
          : v.key === 'try'
            ? ' — tried here, not what `npm start` runs'
            : ''),
    ).map((l, i, all) => (i < all.length - 1 ? `${l};` : `${l}.`)),
    `Environment: NODE_ENV=production, TEAMS_LOCAL_MODE=true, LOG_LEVEL=warn, DEMO_PLAN=never, a free PORT, and ` +
      (embedded
        ? `DATA_DIR a temporary folder: the bot starts its own embedded database there, a process of its own (pid from DATA_DIR/.lock).`
        : `MONGODB_URI with a database of its own.`),
    `The plan is the ask benchmark's generated one (500 priorities, 5,000 targets, 100,000 updates, 200 people), imported`,
    `by a child process before the bots start; no demo plan.` +
      (importDbPeak ? ` (The import took that database process to ${importDbPeak} MB.)` : ''),
    `**Idle**: ${IDLE_MS / 1000} s after /healthz first answers, nothing asked yet (so the plan snapshot is not loaded yet).`,
    `**Load**: "status of <code>" posted to /api/messages, ${CONCURRENCY} in flight from ${USERS} Teams users, each reply going to a stub`,
    `Bot Connector (the activity's serviceUrl): ${WARMUP_MS / 1000} s of warm-up, ${LOAD_MS / 1000} s measured, then ${AFTER_MS / 1000} s quiet.`,
    `RSS is VmRSS from /proc/<pid>/status, sampled every ${SAMPLE_MS} ms (anon = RssAnon; file = RssFile, mostly the node binary's`,
    `pages); the peak is the process's VmHWM. Memory figures in MB.`,
    '',
    `| measure | ${plain.map((r) => `${r.variant.short}, run ${nth(r)}`).join(' | ')} | goal |`,
    `|---|${plain.map(() => '---|').join('')}---|`,
    row(
      '**RSS at idle** (anon + file)',
      (r) => `**${mb(r.idle.rss)}** (${mb(r.idle.anon)} + ${mb(r.idle.file)})`,
      `≤ ${GOAL_MB}`,
    ),
    row('**peak RSS** (VmHWM)', (r) => `**${mb(r.botPeak)}**`, `≤ ${GOAL_MB}`),
    row(
      'RSS at the end of the load (anon + file)',
      (r) => `${mb(r.end.rss)} (${mb(r.end.anon)} + ${mb(r.end.file)})`,
    ),
    row('mean RSS, first → last third of the load', (r) => {
      const t = thirds(r);
      return `${mb(t.first)} → ${mb(t.last)} (${t.flat ? 'flat' : `**grew ${mb(t.growth)}**`})`;
    }),
    row(`RSS ${AFTER_MS / 1000} s after the load`, (r) => mb(r.after.rss)),
    row('throughput', (r) => `${r.phase.perSecond.toFixed(0)} /s`),
    row(
      'latency p50 / p99, ms',
      (r) =>
        `${percentile(r.phase.latencies, 50).toFixed(1)} / ${percentile(r.phase.latencies, 99).toFixed(1)}`,
    ),
    row(
      'replies: the right card / asked',
      (r) =>
        `${n(r.phase.correct)} / ${n(r.phase.requests)}` +
        (r.phase.badStatus + r.phase.noReply
          ? ` (${r.phase.badStatus} non-2xx, ${r.phase.noReply} unanswered)`
          : ''),
    ),
    row('started → /healthz answers', (r) => `${r.readySeconds.toFixed(1)} s`),
    ...(embedded
      ? [
          row(
            'database process: RSS at idle / under load (largest) / VmHWM',
            (r) => `${mb(r.dbIdle?.rss)} / ${mb(dbUnderLoad(r))} / ${mb(r.dbPeak)}`,
          ),
        ]
      : []),
    '',
    `**Goal ≤ ${GOAL_MB} MB for the bot process**, the larger of the runs: ` +
      VARIANTS.map((v) => `**${v.short}** ${verdict(of(v.key))}`).join('. ') +
      '.',
    `B ÷ A (mean of the runs): idle RSS ${ratio((r) => r.idle.rss)}, peak RSS ${ratio((r) => r.botPeak)},` +
      ` throughput ${ratio((r) => r.phase.perSecond)}.`,
  ];

  const withHeap = VARIANTS.flatMap((v) => runs.filter((r) => r.metrics && r.variant === v && r.heap.idle));
  if (withHeap.length) {
    const cols = withHeap.flatMap((r) =>
      (['idle', 'load'] as const).map((when) => ({
        head: `${r.variant.short}, ${when === 'load' ? 'end of load' : when}`,
        heap: r.heap[when],
      })),
    );
    const heapRow = (what: string, f: (h: Heap) => number) =>
      `| ${what} | ${cols.map((c) => (c.heap ? mb(f(c.heap)) : '–')).join(' | ')} |`;
    lines.push(
      '',
      `**Where it goes.** One more run of each with METRICS=on and --trace-gc: the V8 heap as the bot's own /metrics`,
      `reports it (prom-client's default metrics) at idle and at the end of the load, and V8's pool of freed pages as the`,
      `last --trace-gc line before says ("pooled"). Their peak RSS: ` +
        withHeap.map((r) => `${r.variant.short} ${mb(r.botPeak)}`).join(', ') +
        '.',
      '',
      `| MB | ${cols.map((c) => c.head).join(' | ')} |`,
      `|---|${cols.map(() => '---|').join('')}`,
      heapRow('RSS', (h) => h.rss),
      heapRow('V8 heap, reserved (heapTotal)', (h) => h.heapTotal),
      heapRow('… of it in use (heapUsed, garbage included)', (h) => h.heapUsed),
      heapRow('… new space (both semi-spaces)', (h) => h.newSpace),
      heapRow('… old space', (h) => h.oldSpace),
      heapRow('… code, large objects', (h) => h.code + h.large),
      heapRow('V8 pool of freed pages, kept resident (pooled)', (h) => h.pooled),
      heapRow('external (Buffers)', (h) => h.external),
      heapRow(
        'the rest: node binary, stacks, malloc (RSS − the above; < 0: reserved heap not all resident)',
        (h) => h.rss - h.heapTotal - h.pooled - h.external,
      ),
      '',
      `Collections during the warm-up and the load (${(WARMUP_MS + LOAD_MS) / 1000} s):`,
      ...withHeap.map((r) => `- **${r.variant.short}**: ${gcSummary(r)}.`),
    );
  }
  const logged = new Map<string, number>();
  for (const r of runs) for (const [m, c] of r.logged) logged.set(m, (logged.get(m) ?? 0) + c);
  if (logged.size)
    lines.push(
      '',
      `Logged by the bots: ${[...logged].map(([m, c]) => `"${m.slice(0, 120)}" × ${c}`).join(', ')}.`,
    );
  return lines.join('\n');
}

export async function run(): Promise<string> {
  const log = createLogger('error');
  build();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-memory-'));
  const database = await benchDatabase(dir, log);
  const external = !database.pid;
  // The bot's own database name unless MONGODB_URI: then one of the benchmark's own, dropped at the end.
  const dbName = external ? `bench-memory-${Date.now()}` : DEFAULT_DB_NAME;
  const dataDir = path.join(dir, 'db'); // where benchDatabase keeps the embedded database's files
  const where: Where = external
    ? { env: { MONGODB_URI: database.uri, MONGODB_DB: dbName } }
    : { env: { DATA_DIR: dataDir }, dataDir };
  try {
    console.error('  importing the generated plan (in a child process)…');
    await loadPlanElsewhere(database.uri, dbName, dir);
    const importDbPeak = database.pid ? peakMemoryOf(database.pid) : undefined;
    // The bot starts its own embedded database on the folder, as in production.
    if (!external) await database.stop();

    const runs: Run[] = [];
    const schedule: [Variant, boolean][] = [];
    for (let round = 0; round < ROUNDS; round++) for (const v of VARIANTS) schedule.push([v, false]);
    for (const v of VARIANTS) schedule.push([v, true]);
    for (const [variant, metrics] of schedule) {
      const r = await measure(variant, metrics, where);
      runs.push(r);
      console.error(describe(r, runs.filter((o) => o.variant === variant && o.metrics === metrics).length));
    }
    const body = figures(runs, database.description, importDbPeak);
    await writeSection('memory', body);
    return body;
  } finally {
    if (external) {
      await connect(database.uri, dbName);
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    }
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
