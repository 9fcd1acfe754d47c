// Issue 5 benchmark: a broadcast to 10,000 Teams recipients through the outbox, sent by the real
// dispatcher in a process of its own to a stub Bot Connector that enforces the app-wide limit.
// Run 1 is left alone; in run 2 the sending process is killed (SIGKILL) halfway and another
// started on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { Delivery, DeliveryClaim } from '../models';
import { connect } from '../models/database';
import { trusted } from '../models/operators';
import { enqueue, type Outgoing } from '../services/delivery/outbox';
import { createLogger } from '../services/log/logger';
import { startRateLimitedConnector, type RateLimitedConnector } from './rate-limited-connector';
import { benchDatabase, build, COMPILED_BOT, freePort, machine, writeSection } from './support';

const RECIPIENTS = Number(process.env.BENCH_BROADCAST_RECIPIENTS ?? 10_000);
/** The stub connector's limit, and what the sender is told it is (TEAMS_RATE_PER_SECOND). */
const LIMIT = Number(process.env.BENCH_BROADCAST_LIMIT ?? 50);
const LIMITER = process.env.BENCH_BROADCAST_LIMITER === 'bucket' ? 'bucket' : 'window';
/** Passed on to the sending process when set; the app's defaults otherwise. */
const SENDER_ENV = ['OUTBOX_INTERVAL_MS', 'OUTBOX_CLAIM_TIMEOUT_MS', 'TEAMS_RATE_PER_SECOND'] as const;
const CANONICAL = RECIPIENTS === 10_000 && LIMIT === 50 && LIMITER === 'window';
const SAMPLE_MS = 500;

/**
 * A sending instance is the compiled bot as production runs it (`npm start`'s command, with no
 * demo plan and the Bot Connector in local mode): its outbox drain does the sending, and its
 * memory is what /proc shows for that pid.
 */
const SENDER_ARGS = ['--max-semi-space-size=8', COMPILED_BOT];

export const conversationOf = (i: number) => `a:1on1-29:recipient${i}`;

/** A consultation notice to `count` Teams recipients, each with a stored 1:1 conversation reference. */
export function broadcastTo(count: number, serviceUrl: string, batch = 'bench-broadcast'): Outgoing[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${batch}>recipient${i}@bench.gov.uk>consultation`,
    batch,
    person: `recipient${i}@bench.gov.uk`,
    message: {
      kind: 'notice' as const,
      text: 'Consultation: the draft corporate plan 2027–30 is open for comments until 31 January.',
      suggestions: ['help'],
    },
    to: {
      platform: 'teams' as const,
      address: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: conversationOf(i), conversationType: 'personal', tenantId: 'bench-tenant' },
        bot: { id: '28:golden-thread', name: 'Golden Thread' },
        user: { id: `29:recipient${i}`, name: `Recipient ${i}` },
      },
    },
  }));
}

interface Sender {
  child: ChildProcess;
  exited: Promise<void>;
  /** [time, VmRSS MB, messages accepted by then], every SAMPLE_MS. */
  rss: [number, number, number][];
  peakMb: number;
  /** Log lines by message ("Delivery will be retried", …). */
  logs: Map<string, number>;
}

function status(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function startSender(uri: string, db: string, stub: RateLimitedConnector): Promise<Sender> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    TEAMS_LOCAL_MODE: 'true',
    DEMO_PLAN: 'never',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    MONGODB_URI: uri,
    MONGODB_DB: db,
    LOG_LEVEL: 'warn',
    TEAMS_RATE_PER_SECOND: String(LIMIT),
  };
  for (const name of SENDER_ENV) if (process.env[name]) env[name] = process.env[name] as string;
  const child = spawn(process.execPath, SENDER_ARGS, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const sender: Sender = { child, exited, rss: [], peakMb: 0, logs: new Map() };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let msg = line;
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg);
    } catch {
      // not a log line: counted as it is
    }
    sender.logs.set(msg, (sender.logs.get(msg) ?? 0) + 1);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line.includes('DEP0111') && !line.includes('--trace-deprecation'))
      console.error(`  [sender ${child.pid}] ${line}`);
  });
  const timer = setInterval(() => {
    const rss = status(child.pid, 'VmRSS');
    sender.peakMb = Math.max(sender.peakMb, status(child.pid, 'VmHWM') ?? 0);
    if (rss !== undefined) sender.rss.push([Date.now(), rss, stub.accepted]);
  }, SAMPLE_MS);
  void exited.then(() => clearInterval(timer));
  return sender;
}

async function stopSender(sender: Sender): Promise<void> {
  if (sender.child.exitCode === null && sender.child.signalCode === null) sender.child.kill('SIGTERM');
  const timeout = setTimeout(() => sender.child.kill('SIGKILL'), 5000);
  await sender.exited;
  clearTimeout(timeout);
}

async function waitUntil(what: string, done: () => boolean | Promise<boolean>, ms: number, everyMs: number) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

interface Kill {
  at: number;
  acceptedBefore: number;
  markedSent: number;
  /** Conversations of the deliveries the killed process had claimed but not sent. */
  stranded: string[];
  /**
   * Conversations whose message the connector had accepted but the outbox had not recorded as sent
   * when the process died: the documented window in which a kill sends a message again.
   */
  unrecorded: Set<string>;
}

/**
 * One broadcast on a fresh database: enqueue, send, and (run 2) kill and restart the sender, or
 * (run 3) send with two instances at once.
 */
async function broadcast(uri: string, mode: 'plain' | 'kill' | 'two'): Promise<string[]> {
  const kill = mode === 'kill';
  const db = `bench-broadcast-${mode}-${Date.now()}`;
  await connect(uri, db);
  const stub = await startRateLimitedConnector({ perSecond: LIMIT, limiter: LIMITER });
  const senders: Sender[] = [];
  const progress = setInterval(
    () => console.error(`  ${stub.accepted} accepted, ${stub.throttled} × 429`),
    10_000,
  );
  try {
    const { queued } = await enqueue(broadcastTo(RECIPIENTS, stub.url), new Date());
    if (queued !== RECIPIENTS) throw new Error(`queued ${queued} of ${RECIPIENTS}`);
    const budget = (RECIPIENTS / LIMIT) * 4000 + 300_000;
    const startedAt = Date.now();
    senders.push(await startSender(uri, db, stub));
    if (mode === 'two') senders.push(await startSender(uri, db, stub));
    let killed: Kill | undefined;
    try {
      if (kill) {
        await waitUntil('half the messages', () => stub.accepted >= RECIPIENTS / 2, budget, 10);
        const [at, acceptedBefore] = [Date.now(), stub.accepted];
        senders[0]?.child.kill('SIGKILL');
        await senders[0]?.exited;
        const markedSent = await Delivery.countDocuments({ status: 'sent' });
        const claims = new Set((await DeliveryClaim.find({}, { _id: 1 }).lean()).map((c) => c._id));
        const open = await Delivery.find({ status: 'pending' }, { attempts: 1, address: 1 }).lean();
        const conversation = (d: (typeof open)[number]) =>
          String((d.address as { conversation?: { id?: string } }).conversation?.id);
        const stranded = open.filter((d) => claims.has(`${d._id}#${d.attempts}`)).map(conversation);
        const acceptedThen = new Set(stub.acceptedIn.slice(0, acceptedBefore));
        const unrecorded = new Set(open.map(conversation).filter((c) => acceptedThen.has(c)));
        killed = { at, acceptedBefore, markedSent, stranded, unrecorded };
        senders.push(await startSender(uri, db, stub));
      }
      // Counting in the database reads the whole outbox: only once the connector has seen everyone
      // (or every 15 s, for deliveries marked sent that never arrived), so as not to slow the sender.
      let checked = Date.now();
      const finished = async () => {
        if (stub.counts.size < RECIPIENTS && Date.now() - checked < 15_000) return false;
        checked = Date.now();
        return (await Delivery.countDocuments({ status: 'pending' })) === 0;
      };
      await waitUntil('every delivery to be sent', finished, budget, 100);
      await new Promise((r) => setTimeout(r, 2000)); // for a late duplicate to show, were there one
    } catch (error) {
      const left = await Delivery.find({ status: 'pending' }).limit(3).lean();
      console.error(`  still pending, e.g. ${JSON.stringify(left)}`);
      throw error;
    } finally {
      await Promise.all(senders.map(stopSender));
    }
    const rows = await figures(stub, startedAt, senders, killed);
    if (mode === 'two') rows.push(await shares(senders));
    return rows;
  } finally {
    clearInterval(progress);
    await stub.close();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

const n = (x: number) => x.toLocaleString('en-GB');
const met = (ok: boolean) => (ok ? 'met' : '**missed**');
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function figures(stub: RateLimitedConnector, start: number, senders: Sender[], killed?: Kill) {
  const times = stub.acceptedAt;
  const mark = (share: number) => times[Math.max(0, Math.ceil(share * times.length) - 1)] as number;
  const last = times[times.length - 1] as number;
  const [t10, t90] = [mark(0.1), mark(0.9)];
  const steady = (times.filter((t) => t > t10 && t <= t90).length / (t90 - t10)) * 1000;
  const overall = (RECIPIENTS / (last - start)) * 1000;
  const seconds = stub.perSecondSince(t10).slice(0, Math.floor((t90 - t10) / 1000));
  const sorted = [...seconds].sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  let [duplicates, lost, beyondWindow] = [0, 0, 0];
  for (let i = 0; i < RECIPIENTS; i++) {
    const c = stub.counts.get(conversationOf(i)) ?? 0;
    if (c === 0) lost++;
    duplicates += Math.max(0, c - 1);
    if (c > 1 && !killed?.unrecorded.has(conversationOf(i))) beyondWindow += c - 1;
  }
  const statuses = await Delivery.aggregate<{ _id: string; count: number }>([
    { $group: { _id: '$status', count: { $sum: 1 } } },
  ]);
  const retried = await Delivery.countDocuments({ attempts: trusted({ $gt: 1 }) });
  const rows = [
    `| messages accepted by the connector | ${n(stub.accepted)} for ${n(RECIPIENTS)} recipients | |`,
    `| total time (sender started → last message accepted) | ${s1(last - start)} | |`,
    `| total ÷ wall time | ${overall.toFixed(1)} /s = ${(overall / LIMIT).toFixed(3)} of the limit | |`,
    `| **sustained rate**: accepted between the 10 % and 90 % marks ÷ the time between them | ${steady.toFixed(1)} /s = **${(steady / LIMIT).toFixed(3)}** of the limit | ≥ 0.95${senders.length > 1 && !killed ? ' and ≤ 1.0' : ''}: ${met(steady / LIMIT >= 0.95 && steady / LIMIT <= 1)} |`,
    `| accepted in each whole second of that span: min / median / max | ${sorted[0] ?? 0} / ${sorted[Math.floor(sorted.length / 2)] ?? 0} / ${sorted[sorted.length - 1] ?? 0} | |`,
    `| longest wait between two accepted messages | ${s1(Math.max(0, ...gaps))} | |`,
    killed
      ? `| duplicates (messages accepted more than once for one recipient) | ${n(duplicates)}, of them ${n(beyondWindow)} beyond the window (${n(killed.unrecorded.size)} accepted but not yet recorded as sent when killed) | 0 beyond the window: ${met(beyondWindow === 0)} |`
      : `| duplicates (messages accepted more than once for one recipient) | ${n(duplicates)} | 0: ${met(duplicates === 0)} |`,
    `| losses (recipients with no message) | ${n(lost)} | 0: ${met(lost === 0)} |`,
    `| 429 answers | ${n(stub.throttled)}, to ${n(stub.throttledIn.size)} messages (at most ${Math.max(0, ...stub.throttledIn.values())} to one) | |`,
    `| deliveries in the outbox by status | ${statuses.map((s) => `${s._id} ${n(s.count)}`).join(', ')} | all sent |`,
    `| deliveries that took more than one attempt | ${n(retried)} | |`,
  ];
  for (const [i, s] of senders.entries()) {
    const who = senders.length > 1 ? `sending process ${i + 1}` : 'the sending process';
    // From its first message on: what it holds to send, not what it took to start.
    const began = s.rss.find(([, , a]) => a > (s.rss[0]?.[2] ?? 0)) ?? s.rss[0];
    const after = s.rss.filter(([t]) => t >= (began?.[0] ?? 0)).map(([, mb]) => mb);
    const growth = Math.max(...after) - (began?.[1] ?? 0);
    const flat = growth <= Math.max(10, 0.1 * (began?.[1] ?? 0));
    rows.push(
      `| RSS of ${who}: as its first message went / peak (VmHWM) / at the end | ${(began?.[1] ?? 0).toFixed(0)} / ${s.peakMb.toFixed(0)} / ${(after[after.length - 1] ?? 0).toFixed(0)} MB (${s.rss.length} samples; ${flat ? 'flat' : `**grew ${growth.toFixed(0)} MB**`}) | ≤ 200 MB: ${met(s.peakMb <= 200)} |`,
    );
    const warnings = [...s.logs].filter(([m]) => m.startsWith('Delivery') || m.includes('failed'));
    if (warnings.length)
      rows.push(`| logged by ${who} | ${warnings.map(([m, c]) => `"${m}" × ${c}`).join(', ')} | |`);
  }
  if (killed) {
    const after = times.filter((t) => t > killed.at);
    const stranded = new Set(killed.stranded);
    const strandedAt = times.filter((t, i) => t > killed.at && stranded.has(stub.acceptedIn[i] as string));
    rows.push(
      `| accepted before the kill | ${n(killed.acceptedBefore)}; marked sent in the outbox by then: ${n(killed.markedSent)} | |`,
      `| from the kill to the next message accepted (starting the new process included) | ${s1((after[0] ?? NaN) - killed.at)} | |`,
      `| claimed by the killed process but not sent | ${n(stranded.size)}; they went out ${s1((strandedAt[0] ?? NaN) - killed.at)} to ${s1((strandedAt[strandedAt.length - 1] ?? NaN) - killed.at)} after the kill | |`,
    );
  }
  return rows;
}

/** How many messages each instance sent (each claim names its process), for run 3. */
async function shares(senders: Sender[]): Promise<string> {
  const sent = await Delivery.find({ status: 'sent' }, { attempts: 1 }).lean();
  const made = new Set(sent.map((d) => `${d._id}#${d.attempts - 1}`));
  const by = new Map<string, number>();
  for (const c of await DeliveryClaim.find({}, { by: 1 }).lean())
    if (made.has(c._id)) by.set(String(c.by), (by.get(String(c.by)) ?? 0) + 1);
  const each = senders.map((s, i) => {
    const count = [...by].find(([who]) => who.endsWith(`:${s.child.pid}`))?.[1] ?? 0;
    return `process ${i + 1}: ${n(count)}`;
  });
  return `| messages sent by each instance | ${each.join('; ')} | both take part |`;
}

export async function run(): Promise<string> {
  build();
  const log = createLogger('error');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-broadcast-'));
  const database = await benchDatabase(dir, log);
  try {
    console.error(`  run 1: ${RECIPIENTS} recipients, uninterrupted…`);
    const plain = await broadcast(database.uri, 'plain');
    console.error('  run 2: killed halfway and restarted…');
    const killed = await broadcast(database.uri, 'kill');
    console.error('  run 3: two instances at once…');
    const two = await broadcast(database.uri, 'two');
    const table = (rows: string[]) => ['| measure | result | goal |', '|---|---|---|', ...rows];
    const settings = SENDER_ENV.filter((e) => process.env[e]).map((e) => `, ${e}=${process.env[e]}`);
    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      '',
      `${n(RECIPIENTS)} Teams recipients, each with a stored 1:1 conversation reference, queued with \`enqueue\`.`,
      `The stub Bot Connector (bench/rate-limited-connector.ts) accepts at most ${LIMIT} requests ${LIMITER === 'window' ? 'in any sliding second' : 'a second (token bucket)'}`,
      `and answers 429 with \`Retry-After: 1\` beyond that. A sender is the compiled bot in a process of its own, as`,
      `production runs it (\`npm run build\`, then \`node --max-semi-space-size=8 dist/bot/main.js\`, NODE_ENV=production,`,
      `no demo plan), its outbox drain doing the sending, with TEAMS_RATE_PER_SECOND=${LIMIT} and otherwise the defaults${settings.join('')}.`,
      `RSS is the sender's VmRSS, read from /proc every ${SAMPLE_MS} ms; "flat" means it grew no more than`,
      `10 MB (or 10 %) after the process's first message. Counted at the connector after 2 s of quiet.`,
      '',
      '**Run 1: uninterrupted.**',
      '',
      ...table(plain),
      '',
      '**Run 2: the sending process killed (SIGKILL) once half the messages were accepted, and a new one',
      'started on the same database.**',
      '',
      ...table(killed),
      '',
      '**Run 3: two sending processes on the same database at once**, each configured with the app',
      `limit of ${LIMIT}/s: together they must keep within it (goal ≥ 0.95 and ≤ 1.0 of the one limit),`,
      'sharing it through blocks of send slots claimed in the database (services/delivery/pace.ts).',
      '',
      ...table(two),
    ].join('\n');
    if (CANONICAL) await writeSection('broadcast', body);
    else console.error('  (a trial: bench/README.md left as it was)');
    return body;
  } finally {
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
