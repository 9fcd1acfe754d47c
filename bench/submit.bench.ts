// Issue 4 benchmark: update-form submissions (Teams `Action.Execute` invokes) posted to /api/messages
// by many owners at once, on an open cycle of the generated plan; then a count of what was stored.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createBotApp } from '../bot/app';
import { Audit, CycleTarget, Update } from '../models';
import { connect } from '../models/database';
import { trusted } from '../models/operators';
import { loadConfig } from '../services/config/config';
import { openCycle } from '../services/cycle/open';
import { createLogger } from '../services/log/logger';
import { importPlanFile } from '../services/plan/import';
import { writePlanFile } from '../services/plan-file/write';
import { generatePlan } from './generate-plan';
import { startStubConnector } from './stub-connector';
import { benchDatabase, machine, peakMemory, percentile, postJson, writeSection } from './support';

const CONCURRENCY = Number(process.env.BENCH_SUBMIT_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 20);
const WARMUP_SECONDS = 3;
/** Every DOUBLE_EVERY-th submission is also sent a second time at once: a double click. */
const DOUBLE_EVERY = 10;
const PRIORITIES = 100;
const TARGETS_EACH = 10;
const OWNERS = 200;
// A day inside the cycle: submissions are as of yesterday, within the cycle's period.
const TODAY = new Date('2027-01-12T10:00:00Z');
const AS_OF = '2027-01-11';

interface Outcome {
  sent: number;
  doubles: number;
  accepted: number;
  refused: number;
  /** The first answer that was not "submitted", to show what went wrong. */
  wrong?: string;
  latencies: number[];
  seconds: number;
}

/**
 * Keeps CONCURRENCY submissions in flight for `seconds`. Each is a new value for a target the sender
 * owns, so each must be stored once; the double-clicked ones must be stored once too.
 */
interface LoadPlan {
  url: string;
  connector: string;
  cycle: string;
  targetsOf: string[][];
  seconds: number;
  first: number;
}

async function load({ url, connector, cycle, targetsOf, seconds, first }: LoadPlan): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
  const outcome: Outcome = { sent: 0, doubles: 0, accepted: 0, refused: 0, latencies: [], seconds: 0 };
  let seq = first;
  const start = performance.now();
  const end = start + seconds * 1000;
  const submit = async (n: number): Promise<void> => {
    const owner = n % OWNERS;
    const mine = targetsOf[owner] as string[];
    const target = mine[Math.floor(n / OWNERS) % mine.length] as string;
    // A value inside the target's range, a commentary and a corrective action: valid whatever RAG
    // is suggested (Red needs both, Amber the commentary).
    const value = (40 + (n % 997) / 100).toFixed(2);
    const body = JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `submit-${n}`,
      replyToId: `card-${owner}`,
      channelId: 'msteams',
      serviceUrl: connector,
      from: { id: `29:officer${owner}`, name: `Officer ${owner}` },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: `a:dm-officer${owner}`, conversationType: 'personal' },
      value: {
        trigger: 'manual',
        action: {
          type: 'Action.Execute',
          verb: 'submitUpdate',
          data: {
            cycle,
            target,
            value,
            asOf: AS_OF,
            commentary: `Benchmark submission ${n}.`,
            overrideReason: 'bench',
            correctiveAction: 'Benchmark corrective action.',
          },
        },
      },
    });
    const sends = n % DOUBLE_EVERY === 0 ? 2 : 1;
    outcome.sent++;
    if (sends === 2) outcome.doubles++;
    const began = performance.now();
    const answers = await Promise.all(
      Array.from({ length: sends }, () => postJson(agent, url, body).catch(() => ({ status: 0, text: '' }))),
    );
    outcome.latencies.push(performance.now() - began);
    const ok = (a: { status: number; text: string }) => a.status === 200 && a.text.includes('Submitted by');
    // Stored once is judged against the submissions that were answered "submitted"; a double click
    // whose two answers differ is counted as refused, so that it shows.
    if (answers.every(ok)) outcome.accepted++;
    else {
      outcome.refused++;
      outcome.wrong ??= answers.find((a) => !ok(a))?.text.slice(0, 300);
    }
  };
  const worker = async () => {
    while (performance.now() < end) await submit(seq++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  outcome.seconds = (performance.now() - start) / 1000;
  outcome.latencies.sort((a, b) => a - b);
  agent.destroy();
  return outcome;
}

const LOAD = '--load';

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat; undefined off Linux. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs the load generator in a process of its own, so that the bot's one thread is the bot's:
 * in-process, generating and timing the requests took a third of it.
 */
async function loadElsewhere(dir: string, plan: LoadPlan): Promise<Outcome> {
  const file = path.join(dir, `load-${plan.first}.json`);
  writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), __filename, LOAD, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`the load generator failed (exit code ${code})`);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Outcome;
}

export async function run(): Promise<string> {
  const log = createLogger('error');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-submit-'));
  const database = await benchDatabase(dir, log);
  await connect(database.uri, `bench-submit-${Date.now()}`);
  const stub = await startStubConnector();
  const bot = createBotApp(loadConfig({}), log, { now: () => TODAY });
  try {
    console.error('  importing the plan and opening a cycle…');
    const generated = generatePlan(PRIORITIES, TARGETS_EACH, 0);
    const plan = {
      ...generated,
      people: generated.people.map((p, i) => ({ ...p, teamsId: `29:officer${i}` })),
    };
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, plan);
    await importPlanFile(file, 64 * 1024 * 1024, { by: 'bench' });
    const { id: cycle } = await openCycle(
      { plan: 'bench-plan', name: 'Bench Q3', opensOn: '2027-01-04', dueOn: '2027-01-29', by: 'bench' },
      TODAY,
    );
    const targetsOf: string[][] = Array.from({ length: OWNERS }, () => []);
    for (const p of plan.priorities)
      for (const t of p.targets)
        targetsOf[Number(/\d+/.exec(t.owner ?? '')?.[0])]?.push(`bench-plan:${t.id}`);

    await new Promise<void>((resolve) => bot.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}/api/messages`;

    console.error('  warming up…');
    const job = { url, connector: stub.url, cycle, targetsOf };
    const warm = await loadElsewhere(dir, { ...job, seconds: WARMUP_SECONDS, first: 0 });
    // CPU per submission tells the code's cost apart from the machine's load, which moves the
    // throughput and latency from run to run (other work shares the two cores).
    const loadBefore = os.loadavg()[0] as number;
    const botCpu = process.cpuUsage();
    const dbCpu = cpuMsOf(database.pid);
    const memory = peakMemory();
    const o = await loadElsewhere(dir, { ...job, seconds: SECONDS, first: 1_000_000 });
    const peakRss = memory.stop();
    const botCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(botCpu));
    const dbCpuMs = dbCpu === undefined ? undefined : (cpuMsOf(database.pid) ?? dbCpu) - dbCpu;
    const loadAfter = os.loadavg()[0] as number;

    const storedForCycle = await Update.countDocuments({ cycle });
    const expected = warm.accepted + o.accepted;
    const audits = await Audit.countDocuments({ entity: 'targets', by: /@bench\.gov\.uk$/ });
    const submittedRows = await CycleTarget.countDocuments({ cycle, submitted: trusted({ $exists: true }) });
    const perSecond = o.sent / o.seconds;
    const p50 = percentile(o.latencies, 50);
    const p99 = percentile(o.latencies, 99);
    const met = (ok: boolean) => (ok ? 'met' : '**missed**');
    const n = (x: number) => x.toLocaleString('en-GB');
    console.error(
      `  ${n(o.sent)} submissions in ${o.seconds.toFixed(1)} s: ${perSecond.toFixed(0)}/s, p99 ${p99.toFixed(1)} ms`,
    );

    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      '',
      `The bot as \`npm start\` builds it (\`createBotApp\`) and the stub Bot Connector (which receives the`,
      `"submitted by …" card update for everyone in the chat) share one process; the load generator`,
      `(node:http, keep-alive) runs in another.`,
      `Plan: ${PRIORITIES} priorities × ${TARGETS_EACH} targets, ${OWNERS} owners each with a Teams id; one open`,
      `cycle over all ${n(PRIORITIES * TARGETS_EACH)} targets. ${CONCURRENCY} submissions in flight from the ${OWNERS} owners,`,
      `each a new value for one of the sender's own targets; every ${DOUBLE_EVERY}th is posted twice at`,
      `once (a double click) and must be stored once. ${WARMUP_SECONDS} s of warm-up (counted in the storage`,
      `check), then ${SECONDS} s measured. Latency is from the POST to the invoke response (for a double`,
      `click, to the later of the two).`,
      '',
      '| measure | result | goal |',
      '|---|---|---|',
      `| submissions | ${n(o.sent)} in ${o.seconds.toFixed(1)} s (${n(o.doubles)} of them double-clicked) | |`,
      `| throughput | ${perSecond.toFixed(0)} submissions/s | ≥ 200/s: ${met(perSecond >= 200)} |`,
      `| latency p50 / p99 | ${p50.toFixed(1)} ms / ${p99.toFixed(1)} ms | p99 ≤ 50 ms: ${met(p99 <= 50)} |`,
      `| answered "submitted by …" | ${n(o.accepted)}; ${n(o.refused)} other answers | every one |`,
      `| updates stored for the cycle (warm-up + measured) | ${n(storedForCycle)} for ${n(expected)} accepted submissions | exactly once: ${met(storedForCycle === expected)} |`,
      `| audit entries | ${n(audits)} | one per stored update: ${met(audits === storedForCycle)} |`,
      `| targets marked submitted in the cycle | ${n(submittedRows)} of ${n(PRIORITIES * TARGETS_EACH)} | |`,
      `| peak RSS of the process while measured | ${peakRss} MB | |`,
      `| CPU per submission: bot process (with the stub connector) / database process | ${(botCpuMs / o.sent).toFixed(2)} ms / ${dbCpuMs === undefined ? 'not measured' : `${(dbCpuMs / o.sent).toFixed(2)} ms`} (${(botCpuMs / 10 / o.seconds) | 0} % / ${dbCpuMs === undefined ? '–' : (dbCpuMs / 10 / o.seconds) | 0} % of a core) | |`,
      `| machine load average (1 min) as the measuring began / ended | ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} (2 cores) | |`,
      ...((o.wrong ?? warm.wrong)
        ? ['', `The first answer that was not "submitted": \`${o.wrong ?? warm.wrong}\``]
        : []),
    ].join('\n');
    await writeSection('submit', body);
    return body;
  } finally {
    bot.server.server.closeAllConnections();
    bot.server.close();
    await stub.close();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === LOAD) {
  load(JSON.parse(readFileSync(process.argv[3] as string, 'utf8')) as LoadPlan)
    .then((outcome) => process.stdout.write(JSON.stringify(outcome)))
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
