// Issue 3 benchmark: "status of <code>" posted to /api/messages, the reply arriving at a stub Bot
// Connector, on the generated 500-priority plan — the real bot side by side, in the same process,
// with a bare botbuilder echo bot on the same restify setup.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import mongoose from 'mongoose';
import type restify from 'restify';
import '../models';
import { connect, databaseReachable } from '../models/database';
import { createRouter } from '../bot/router';
import { createServer } from '../bot/server';
import { createTeamsAdapter } from '../bot/teams/adapter';
import { createTeamsBot } from '../bot/teams/teams-bot';
import { loadConfig } from '../services/config/config';
import { createLogger } from '../services/log/logger';
import { importPlanFile } from '../services/plan/import';
import { PlanCatalogue } from '../services/plan/snapshot';
import type { PlanFile } from '../services/plan-file/schema';
import { writePlanFile } from '../services/plan-file/write';
import { createEchoServer } from './echo-bot';
import { generatePlan } from './generate-plan';
import { startStubConnector, type StubConnector } from './stub-connector';
import {
  benchDatabase,
  machine,
  peakMemory,
  peakMemoryOf,
  percentile,
  postJson,
  writeSection,
} from './support';

export const CONCURRENCY = 16;
const WARMUP_MS = 3_000;
const PHASE_MS = Number(process.env.BENCH_ASK_SECONDS ?? 10) * 1000;
/**
 * BENCH_ASK_CODES=letters gives the generated priorities codes of letters and a number ("AA.36"
 * instead of "A0.36"), the shape bot/understanding/intent.ts reads today.
 */
const LETTER_CODES = process.env.BENCH_ASK_CODES === 'letters';
const ROUNDS = 3;
export const USERS = 64;
const REPLY_TIMEOUT_MS = 10_000;
const LOAD_PLAN = '--load-plan';

type Bot = 'echo' | 'real';

export interface Phase {
  bot: Bot;
  requests: number;
  seconds: number;
  perSecond: number;
  /** Sorted, ms from sending the POST to the reply reaching the stub connector. */
  latencies: number[];
  badStatus: number;
  noReply: number;
  extraReplies: number;
  correct: number;
  peakRssMb: number;
  /** Heap in use and RSS after a full collection at the end of the phase: the live set. */
  liveHeapMb: number;
  rssAfterGcMb: number;
}

/** A small seeded generator, so every run asks the same codes in the same order. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The echo bot must say back exactly what it was told. */
function echoed(text: string): (body: string) => boolean {
  return (body) => (JSON.parse(body) as { text?: unknown }).text === text;
}

/**
 * Golden Thread must answer with the priority card of the asked code: its heading is "<code> · <aim>",
 * a TextBlock's text or (cards/teams/readable.ts) a RichTextBlock's first run.
 */
function priorityCard(code: string): (body: string) => boolean {
  return (body) => {
    const reply = JSON.parse(body) as {
      attachments?: {
        contentType?: string;
        content?: { body?: { text?: unknown; inlines?: { text?: unknown }[] }[] };
      }[];
    };
    const card = reply.attachments?.[0];
    const first = card?.content?.body?.[0];
    const heading = first?.text ?? first?.inlines?.[0]?.text;
    return (
      reply.attachments?.length === 1 &&
      card?.contentType === 'application/vnd.microsoft.card.adaptive' &&
      typeof heading === 'string' &&
      heading.startsWith(`${code} · `)
    );
  };
}

/** What a reply says, in brief: its text, or its card's first two text blocks. */
function gist(body: string): string {
  try {
    const reply = JSON.parse(body) as {
      text?: unknown;
      attachments?: { content?: { body?: { text?: unknown }[] } }[];
    };
    const blocks = reply.attachments?.[0]?.content?.body?.slice(0, 2).map((b) => b.text) ?? [];
    return JSON.stringify(reply.text ?? blocks);
  } catch {
    return body.slice(0, 200);
  }
}

export interface Target {
  bot: Bot;
  url: URL;
  agent: http.Agent;
}

export class Driver {
  private seq = 0;
  /**
   * In every activity id: the bot takes a receipt for each delivery (bot/teams/redelivery.ts) and
   * answers an id it has seen once only, so a second driver on the same data (the memory bench
   * starts the bot several times on one database) must not repeat the first one's ids.
   */
  private readonly run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  private readonly checks = new Map<string, { question: string; check: (body: string) => boolean }>();
  private correct = 0;
  /** What the first wrong reply said, to show what went wrong. */
  wrong: string | undefined;
  private readonly stub: Promise<StubConnector>;

  constructor(
    private readonly codes: string[],
    private readonly next: () => number,
  ) {
    this.stub = startStubConnector((id, body) => {
      const asked = this.checks.get(id);
      this.checks.delete(id);
      let ok = false;
      try {
        ok = !!asked?.check(body);
      } catch {
        // an unparseable reply is simply not correct
      }
      if (ok) this.correct++;
      else this.wrong ??= `asked "${asked?.question}", got ${gist(body)}`;
    });
  }

  connector(): Promise<StubConnector> {
    return this.stub;
  }

  /** Keeps CONCURRENCY requests in flight for `ms`, then lets the last ones finish. */
  async load(target: Target, ms: number): Promise<Phase> {
    const stub = await this.stub;
    stub.reset();
    this.checks.clear();
    this.correct = 0;
    const latencies: number[] = [];
    const ids: string[] = [];
    let badStatus = 0;
    let noReply = 0;
    collectGarbage();
    const memory = peakMemory();
    const start = performance.now();
    const end = start + ms;
    let last = start;

    const worker = async () => {
      while (performance.now() < end) {
        const n = ++this.seq;
        const user = n % USERS;
        const id = `${target.bot}-${this.run}-${n}`;
        const code = this.codes[Math.floor(this.next() * this.codes.length)] as string;
        const text = `status of ${code}`;
        this.checks.set(id, {
          question: text,
          check: target.bot === 'echo' ? echoed(text) : priorityCard(code),
        });
        ids.push(id);
        const body = JSON.stringify({
          type: 'message',
          id,
          text,
          channelId: 'msteams',
          serviceUrl: stub.url,
          timestamp: new Date().toISOString(),
          from: { id: `29:bench-user-${user}`, name: `Bench User ${user}`, aadObjectId: `aad-bench-${user}` },
          recipient: { id: '28:bot', name: 'Golden Thread' },
          conversation: { id: `a:bench-conv-${user}`, conversationType: 'personal' },
        });
        const sent = performance.now();
        const { status } = await postJson(target.agent, target.url, body).catch(() => ({ status: 0 }));
        if (status < 200 || status >= 300) badStatus++;
        const arrived = await stub.waitFor(id, REPLY_TIMEOUT_MS);
        if (arrived === undefined) noReply++;
        else latencies.push(arrived - sent);
        last = performance.now();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const peakRssMb = memory.stop();
    collectGarbage();
    const { heapUsed, rss } = process.memoryUsage();
    // Let any late duplicate replies land before counting them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extraReplies = ids.reduce((sum, id) => sum + Math.max(0, stub.replies(id) - 1), 0);
    const seconds = (last - start) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      bot: target.bot,
      requests: ids.length,
      seconds,
      perSecond: ids.length / seconds,
      latencies,
      badStatus,
      noReply,
      extraReplies,
      correct: this.correct,
      peakRssMb,
      liveHeapMb: Math.round(heapUsed / 1024 / 1024),
      rssAfterGcMb: Math.round(rss / 1024 / 1024),
    };
  }
}

/**
 * Generates and imports the plan in a process of its own, so that the memory figure of the process
 * under load is the bots', not the importer's (an import of this plan peaks at about 600 MB).
 */
export async function loadPlanElsewhere(uri: string, dbName: string, dir: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), __filename, LOAD_PLAN, uri, dbName, dir],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`importing the generated plan failed (exit code ${code})`);
}

async function loadPlanHere(uri: string, dbName: string, dir: string): Promise<void> {
  await connect(uri, dbName);
  try {
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, relettered(generatePlan()));
    await importPlanFile(file, 1024 * 1024 * 1024, { by: 'bench' });
  } finally {
    await mongoose.disconnect();
  }
}

/** The codes of the generated plan's 500 priorities, as the questions ask for them. */
export function planCodes(): string[] {
  // The priorities (and so the codes) do not depend on the updates: no need for 100,000 of them here.
  return relettered(generatePlan(500, 10, 0)).priorities.map((p) => p.code ?? p.id);
}

function relettered(plan: PlanFile): PlanFile {
  if (!LETTER_CODES) return plan;
  const letters = (id: string) =>
    id.replace(/^A(\d)/, (_, aim: string) => 'ABCDEFGHIJ'.charAt(Number(aim)).repeat(2));
  return {
    ...plan,
    priorities: plan.priorities.map((p) => {
      const code = letters(p.code ?? p.id);
      return { ...p, code, aliases: [code.replace('.', '')] };
    }),
  };
}

let gc: (() => void) | undefined;

/** A full collection between phases, so that each starts from the live set, not the last one's garbage. */
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

async function listen(server: restify.Server): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`);
}

function median(phases: Phase[]): Phase {
  return [...phases].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(phases.length / 2)] as Phase;
}

export async function run(): Promise<string> {
  const log = createLogger('error');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-ask-'));
  const database = await benchDatabase(dir, log);
  const dbName = `bench-ask-${Date.now()}`;
  await connect(database.uri, dbName);
  const servers: restify.Server[] = [];
  const agents: http.Agent[] = [];
  let driver: Driver | undefined;
  try {
    console.error('  importing the generated plan (in a child process)…');
    await loadPlanElsewhere(database.uri, dbName, dir);
    const codes = planCodes();

    const ask = createRouter(new PlanCatalogue());
    const real = createServer({
      log,
      databaseReachable,
      authentication: 'local',
      teams: { adapter: createTeamsAdapter(loadConfig({}), log), bot: createTeamsBot(ask, log) },
    });
    const echo = createEchoServer();
    servers.push(real, echo);
    const target = async (bot: Bot, server: restify.Server): Promise<Target> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      agents.push(agent);
      return { bot, url: await listen(server), agent };
    };
    const targets = { echo: await target('echo', echo), real: await target('real', real) };

    driver = new Driver(codes, random(3));
    collectGarbage();
    const rssIdle = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.error('  warming up…');
    await driver.load(targets.echo, WARMUP_MS);
    await driver.load(targets.real, WARMUP_MS);

    const phases: Phase[] = [];
    const loadAtStart = os.loadavg()[0]?.toFixed(1);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const bot of ['echo', 'real'] as const) {
        const phase = await driver.load(targets[bot], PHASE_MS);
        phases.push(phase);
        console.error(
          `  round ${round} ${bot}: ${phase.requests} requests, ${phase.perSecond.toFixed(0)}/s, ` +
            `p50 ${percentile(phase.latencies, 50).toFixed(2)} ms, p99 ${percentile(phase.latencies, 99).toFixed(2)} ms, ` +
            `${phase.correct} correct, peak RSS ${phase.peakRssMb} MB, after GC: heap ${phase.liveHeapMb} MB, RSS ${phase.rssAfterGcMb} MB`,
        );
      }
    }
    const loadAtEnd = os.loadavg()[0]?.toFixed(1);
    const echoPhases = phases.filter((p) => p.bot === 'echo');
    const realPhases = phases.filter((p) => p.bot === 'real');
    const e = median(echoPhases);
    const r = median(realPhases);
    const ratio = r.perSecond / e.perSecond;
    const realP99 = percentile(r.latencies, 99);
    const realRss = Math.max(...realPhases.map((p) => p.peakRssMb));
    const echoRss = Math.max(...echoPhases.map((p) => p.peakRssMb));
    const dbPeak = database.pid ? peakMemoryOf(database.pid) : undefined;
    const sum = (list: Phase[], key: 'requests' | 'correct' | 'badStatus' | 'noReply' | 'extraReplies') =>
      list.reduce((total, p) => total + p[key], 0);
    const replies = (list: Phase[], what: string) =>
      `${sum(list, 'correct').toLocaleString('en-GB')} of ${sum(list, 'requests').toLocaleString('en-GB')} ${what}` +
      `; ${sum(list, 'badStatus')} non-2xx, ${sum(list, 'noReply')} unanswered, ${sum(list, 'extraReplies')} extra replies`;
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    const met = (ok: boolean) => (ok ? 'met' : '**missed**');
    const live = (list: Phase[]) =>
      `${Math.max(...list.map((p) => p.liveHeapMb))} MB / ${Math.max(...list.map((p) => p.rssAfterGcMb))} MB`;
    const rates = (list: Phase[]) => list.map((p) => p.perSecond.toFixed(0)).join(', ');

    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      `The machine's ${os.cpus().length} cores are shared by this process, the database and other work running at the`,
      `same time: throughput and latency vary from run to run (the load average was ${loadAtStart} at the start of the rounds and ${loadAtEnd} at the end).`,
      '',
      `One process holds both bots (each a CloudAdapter in local mode on its own restify server with the same`,
      `body parser), the stub Bot Connector the replies go to, and the load generator (node:http, keep-alive,`,
      `${CONCURRENCY} requests in flight). Questions are "status of <code>" with codes drawn at random from the`,
      `generated plan's 500 priorities (5,000 targets, 100,000 updates${LETTER_CODES ? '; codes re-lettered, "A0.36" → "AA.36", by BENCH_ASK_CODES=letters' : ''}),`,
      `from ${USERS} Teams users in 1:1 chats.`,
      `After ${WARMUP_MS / 1000} s of warm-up each, the bots ran alternately, ${ROUNDS} × ${PHASE_MS / 1000} s each`,
      `(echo, real, echo, real, …); the figures are those of each bot's median round by throughput.`,
      `Latency is from sending the POST to the reply reaching the stub connector.`,
      '',
      '| measure | echo bot | Golden Thread | goal |',
      '|---|---|---|---|',
      `| throughput | ${e.perSecond.toFixed(0)} /s | ${r.perSecond.toFixed(0)} /s (${ratio.toFixed(2)} of echo) | ≥ 0.7 of echo: ${met(ratio >= 0.7)} |`,
      `| throughput, each round | ${rates(echoPhases)} /s | ${rates(realPhases)} /s | |`,
      `| latency p50 | ${ms(percentile(e.latencies, 50))} | ${ms(percentile(r.latencies, 50))} | |`,
      `| latency p99 | ${ms(percentile(e.latencies, 99))} | ${ms(realP99)} | ≤ 30 ms: ${met(realP99 <= 30)} |`,
      `| peak RSS of the process during the bot's rounds | ${echoRss} MB | ${realRss} MB | ≤ 200 MB: ${met(realRss <= 200)} |`,
      `| heap in use / RSS after a full GC at the end of the bot's rounds (largest) | ${live(echoPhases)} | ${live(realPhases)} | |`,
      `| replies (all rounds) | ${replies(echoPhases, 'echoed the question')} | ${replies(realPhases, 'the priority card of the asked code')} | every one |`,
      '',
      `RSS before load (both servers up, snapshot not yet loaded; the plan was imported by a child process): ${rssIdle} MB.` +
        (dbPeak ? ` The database is a separate process (peak RSS ${dbPeak} MB, the import included).` : ''),
      ...(driver.wrong ? ['', `The first wrong reply: \`${driver.wrong.replace(/`/g, "'")}\``] : []),
    ].join('\n');
    await writeSection('ask', body);
    return body;
  } finally {
    for (const server of servers) {
      server.server.closeAllConnections();
      server.close();
    }
    for (const agent of agents) agent.destroy();
    if (driver) await (await driver.connector()).close();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === LOAD_PLAN) {
  const [uri, dbName, dir] = process.argv.slice(3) as [string, string, string];
  loadPlanHere(uri, dbName, dir).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
