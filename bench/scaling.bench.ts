// Issue 16 benchmark: does the cost of the everyday reads stay the same as the database grows?
// The outbox's next batch, a status card, a cycle's reminder and escalation jobs and the
// scheduler's due jobs, each with 1,000 and with 100,000 rows in the database, side by side in one
// run; the goal is the same cost within 20 % at both sizes.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { understand } from '../bot/understanding/intent';
import { renderTeams } from '../cards/teams/render';
import { Aim, Cycle, CycleTarget, Delivery, Job, Person, Plan, Priority, Target, Update } from '../models';
import { connect } from '../models/database';
import { anyOf, trusted } from '../models/operators';
import type { AimDoc } from '../models/aim';
import type { PriorityDoc } from '../models/priority';
import type { TargetDoc } from '../models/target';
import { answer } from '../services/answers/answer';
import type { QuestionIntent } from '../services/answers/intent';
import { cycleJobs } from '../services/cycle/jobs';
import { dueDeliveries } from '../services/delivery/due';
import { createLogger } from '../services/log/logger';
import { askedId, scoped, toDocuments } from '../services/plan/documents';
import { snapshotOf } from '../services/plan/latest';
import { PlanSnapshot, type PlanEntry } from '../services/plan/snapshot';
import { dueJobs } from '../services/scheduling/due-jobs';
import { generatePlan } from './generate-plan';
import { benchDatabase, machine, writeSection } from './support';

const SIZES = [1_000, 100_000] as const;
/** The goal: the cost at 100,000 rows at most this many times the cost at 1,000. */
const GOAL = 1.2;
const NOW = new Date('2026-11-30T10:00:00Z');
const PLAN = 'bench-plan';
const CYCLE = scoped(PLAN, 'q3');
/** The owner the reminder and escalation are for: 5 targets at either size, 3 of them not reported. */
const OWNER = 'bench.owner@bench.gov.uk';
const OWNED = 5;
/** Pending deliveries due now among the sent history; the dispatcher reads 500 at a time. */
const PENDING_IN_HISTORY = 200;
const BATCH = 500;
/** Jobs due now among the done ones; the scheduler reads 200 at a time. */
const DUE_JOBS = 50;
const JOB_BATCH = 200;

/** Samples (ms) of one measure at one size, from every round. */
type Samples = Map<string, number[]>;

/**
 * Times `what` (ms) into `samples`: repeatedly for up to `budgetMs` (at least 3 runs, at most `maxRuns`),
 * after one unmeasured run — or, when that first run alone takes over a second, just that one.
 */
async function sample(
  samples: Samples,
  name: string,
  what: () => Promise<unknown> | unknown,
  { budgetMs = 600, maxRuns = 12 } = {},
) {
  const times = samples.get(name) ?? [];
  samples.set(name, times);
  let t = performance.now();
  await what();
  const first = performance.now() - t;
  if (first > 1000) {
    times.push(first);
    return;
  }
  const started = performance.now();
  for (let n = 0; n < 3 || (n < maxRuns && performance.now() - started < budgetMs); n++) {
    t = performance.now();
    await what();
    times.push(performance.now() - t);
  }
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

async function insertAll(collection: mongoose.Collection, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 5000) await collection.insertMany(docs.slice(i, i + 5000) as never[]);
}

/** The generated plan at `rows` targets and updates, with the bench owner, a line manager and a policy team. */
function planDocuments(rows: number) {
  const file = generatePlan(rows / 10, 10, rows);
  const targets = file.priorities.flatMap((p) => p.targets);
  for (const t of targets.slice(0, OWNED)) t.owner = OWNER;
  file.people.push(
    {
      id: OWNER,
      name: 'Bench Owner',
      department: 'Department 0',
      roles: ['owner'],
      lineManager: 'boss@bench.gov.uk',
    },
    { id: 'boss@bench.gov.uk', name: 'Bench Manager', department: 'Department 0', roles: ['owner'] },
    ...[1, 2, 3].map((i) => ({
      id: `policy${i}@bench.gov.uk`,
      name: `Policy Officer ${i}`,
      department: 'Policy',
      roles: ['policy' as const],
    })),
  );
  const docs = toDocuments(file);
  // Every person reachable on Teams, so the jobs queue their messages.
  for (const p of docs.people) p.teamsId = `teams-${p._id}`;
  // The newest update on each target, as an import leaves it (services/plan/latest.ts); the
  // generated updates come oldest first.
  const newest = new Map(docs.updates.map((u) => [scoped(PLAN, String(u.target)), u]));
  for (const t of docs.targets) {
    const u = newest.get(t._id);
    if (u) t.latest = { ...snapshotOf(u), status: 'confirmed' };
  }
  return { docs, targets };
}

/** One outbox row: the `i`th of `rows`, due `rows - i` seconds before NOW. */
const delivery = (rows: number, i: number, status: 'pending' | 'sent') => ({
  _id: `bench-batch>p${i}>topic`,
  batch: 'bench-batch',
  person: `officer${i % 200}@bench.gov.uk`,
  platform: 'teams',
  address: { teamsUser: `teams-${i}` },
  message: { kind: 'notice', text: `Message ${i}` },
  status,
  attempts: status === 'sent' ? 1 : 0,
  failures: 0,
  nextAt: new Date(NOW.getTime() - (rows - i) * 1000),
  ...(status === 'sent'
    ? { sentAt: new Date(NOW.getTime() - (rows - i) * 1000 + 500), sentId: `m-${i}` }
    : {}),
  createdAt: NOW,
  updatedAt: NOW,
});

/** One size: its databases (the plan and the rest; a broadcast outbox) and its plan snapshot. */
interface World {
  rows: number;
  main: string;
  broadcast: string;
  snapshot: PlanSnapshot;
  /** Priorities asked about so far: a card is kept once made, so each first ask takes a new one. */
  asked: number;
  samples: Samples;
  checks: string[];
}

async function fill(rows: number, uri: string, stamp: number): Promise<World> {
  const world: World = {
    rows,
    main: `bench-scaling-${rows}-${stamp}`,
    broadcast: `bench-scaling-${rows}-broadcast-${stamp}`,
    snapshot: undefined as unknown as PlanSnapshot,
    asked: 0,
    samples: new Map(),
    checks: [],
  };
  const { docs, targets } = planDocuments(rows);
  world.snapshot = new PlanSnapshot(
    [docs.plan as unknown as PlanEntry],
    docs.aims as unknown as AimDoc[],
    docs.priorities as unknown as PriorityDoc[],
    docs.targets as unknown as TargetDoc[],
    docs.people,
  );
  await connect(uri, world.main);
  try {
    for (const model of [Aim, Cycle, CycleTarget, Delivery, Job, Person, Plan, Priority, Target, Update])
      await model.createIndexes();
    await insertAll(Plan.collection, [docs.plan]);
    await insertAll(Aim.collection, docs.aims);
    await insertAll(Priority.collection, docs.priorities);
    await insertAll(Target.collection, docs.targets);
    await insertAll(Person.collection, docs.people);
    await insertAll(Update.collection, docs.updates);
    await insertAll(Cycle.collection, [
      {
        _id: CYCLE,
        plan: PLAN,
        name: 'Q3 2026/27',
        scope: 'all',
        targetCount: targets.length,
        periodFrom: '2026-10-01',
        opensOn: '2026-11-16',
        dueOn: '2026-11-27',
        remindDaysBefore: [5, 1],
        escalateDaysAfter: 1,
        tolerance: 0.05,
        status: 'open',
        openedBy: 'bench',
      },
    ]);
    // Every target asked for; half reported, and 2 of the bench owner's 5.
    await insertAll(
      CycleTarget.collection,
      targets.map((t, i) => {
        const target = scoped(PLAN, t.id);
        const reported = i < OWNED ? i < 2 : i % 2 === 0;
        return {
          _id: askedId(CYCLE, target),
          cycle: CYCLE,
          target,
          owner: t.owner,
          ...(reported
            ? { submitted: { update: `u-${i}`, by: t.owner, at: NOW, rag: 'green', channel: 'teams' } }
            : {}),
        };
      }),
    );
    // The scheduler's jobs: all but 50 done.
    await insertAll(
      Job.collection,
      Array.from({ length: rows }, (_, i) => ({
        _id: `bench-job-${i}`,
        kind: 'cycle-reminder',
        at: new Date(NOW.getTime() - (rows - i) * 60_000),
        payload: {},
        state: i >= rows - DUE_JOBS ? 'due' : 'done',
        attempts: 0,
      })),
    );
    // The outbox as it mostly is: sent history, a few pending.
    await insertAll(
      Delivery.collection,
      Array.from({ length: rows }, (_, i) =>
        delivery(rows, i, i >= rows - PENDING_IN_HISTORY ? 'pending' : 'sent'),
      ),
    );
  } finally {
    await mongoose.disconnect();
  }
  // The outbox during a large broadcast: every row pending and due.
  await connect(uri, world.broadcast);
  try {
    await Delivery.createIndexes();
    await insertAll(
      Delivery.collection,
      Array.from({ length: rows }, (_, i) => delivery(rows, i, 'pending')),
    );
  } finally {
    await mongoose.disconnect();
  }
  return world;
}

const todaysOutboxRead = () =>
  Delivery.find({ status: 'pending', nextAt: trusted({ $lte: NOW }) })
    .sort({ nextAt: 1 })
    .limit(BATCH)
    .lean();

const MEASURES = {
  card: 'status card, first ask of a priority ("status of <code>": understood, answered, Teams card made)',
  cardAgain: 'status card, a priority asked before (its view and card kept with the snapshot)',
  reminder: `reminder job (one owner: 3 of ${OWNED} targets outstanding)`,
  escalation: 'escalation job (the same owner)',
  wholeCycle: 'for comparison: the whole cycle read (`CycleTarget.find({cycle})`), as the jobs did before',
  dueJobs: `scheduler's due jobs, \`dueJobs()\` (${DUE_JOBS} due, the rest done)`,
  todaysJobs: 'for comparison: the same, the query before issue 16 (`at <= now`)',
  history: `outbox, ${PENDING_IN_HISTORY} pending among sent history: \`dueDeliveries()\` (${BATCH} at a time)`,
  todaysHistory: 'for comparison: the query before issue 16 (`nextAt <= now`) on that history',
  broadcast: `outbox, a broadcast with every row pending and due: \`dueDeliveries()\` (${BATCH} at a time)`,
  todaysBroadcast: 'for comparison: the query before issue 16 (`nextAt <= now`) on that broadcast',
} as const;

/** One round of every measure at one size; the slow comparisons only in the first round. */
async function measure(world: World, uri: string, round: number): Promise<void> {
  const { samples, snapshot } = world;
  const codes = snapshot.priorities.map((p) => String(p.code));
  const card = (code: string) => {
    const view = answer(understand(`status of ${code}`, snapshot) as QuestionIntent, snapshot);
    if (view.kind !== 'priorityStatus') throw new Error(`"status of ${code}" gave a ${view.kind}`);
    return renderTeams(view);
  };
  // Spread over the plan, at most 11 a round: the smaller plan's 100 priorities are never asked twice.
  await sample(samples, MEASURES.card, () => card(codes[(world.asked++ * 7919) % codes.length] as string), {
    maxRuns: 10,
  });
  await sample(samples, MEASURES.cardAgain, () => card(codes[0] as string));

  await connect(uri, world.main);
  try {
    // A new job id each run, so each queues its messages anew; removed after, to leave the outbox as it was.
    const jobs = cycleJobs({ now: () => NOW });
    const ran: string[] = [];
    const runJob = async (kind: 'cycle-reminder' | 'cycle-escalation') => {
      const id = `${kind}:${CYCLE}:${OWNER}:${round}:${ran.length}`;
      ran.push(id);
      const outcome = await jobs[kind]?.({ cycle: CYCLE, owner: OWNER }, { id, at: NOW });
      if (!outcome?.startsWith('queued')) throw new Error(`${kind} did: ${outcome}`);
      return outcome;
    };
    if (round === 0)
      world.checks.push(
        `reminder ${await runJob('cycle-reminder')}, escalation ${await runJob('cycle-escalation')}`,
      );
    await sample(samples, MEASURES.reminder, () => runJob('cycle-reminder'));
    await sample(samples, MEASURES.escalation, () => runJob('cycle-escalation'));
    await Delivery.deleteMany({ batch: anyOf(ran) });
    if (round === 0)
      await sample(samples, MEASURES.wholeCycle, () => CycleTarget.find({ cycle: CYCLE }).lean());

    if (round === 0) world.checks.push(`due jobs read ${(await dueJobs(NOW, JOB_BATCH)).length}`);
    await sample(samples, MEASURES.dueJobs, () => dueJobs(NOW, JOB_BATCH));
    if (round === 0)
      await sample(samples, MEASURES.todaysJobs, () =>
        Job.find({ state: 'due', at: trusted({ $lte: NOW }) })
          .sort({ at: 1 })
          .limit(JOB_BATCH)
          .lean(),
      );

    if (round === 0)
      world.checks.push(`outbox history: ${(await dueDeliveries(NOW, BATCH)).length} due read`);
    await sample(samples, MEASURES.history, () => dueDeliveries(NOW, BATCH));
    if (round === 0) await sample(samples, MEASURES.todaysHistory, todaysOutboxRead);
  } finally {
    await mongoose.disconnect();
  }

  await connect(uri, world.broadcast);
  try {
    if (round === 0) {
      const first = await dueDeliveries(NOW, BATCH);
      const oldest = first.every((d, i) => d._id === delivery(world.rows, i, 'pending')._id);
      world.checks.push(`outbox broadcast: ${first.length} read, the oldest first: ${oldest ? 'yes' : 'NO'}`);
    }
    await sample(samples, MEASURES.broadcast, () => dueDeliveries(NOW, BATCH));
    if (round === 0) await sample(samples, MEASURES.todaysBroadcast, todaysOutboxRead);
  } finally {
    await mongoose.disconnect();
  }
}

/** Drops the world's databases. */
async function drop(world: World, uri: string): Promise<void> {
  for (const name of [world.main, world.broadcast]) {
    await connect(uri, name);
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

/** Many short rounds rather than a few long ones: the machine's load changes by the second. */
const ROUNDS = 8;

export async function run(): Promise<string> {
  const log = createLogger('warn');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-scaling-'));
  const database = await benchDatabase(dir, log);
  const stamp = Date.now();
  const worlds: World[] = [];
  try {
    for (const rows of SIZES) worlds.push(await fill(rows, database.uri, stamp));
    // The sizes take turns, round after round, so that a change in the machine's load falls on both.
    for (let round = 0; round < ROUNDS; round++)
      for (const world of worlds) await measure(world, database.uri, round);
    const [small, large] = worlds as [World, World];
    const lines = Object.values(MEASURES).map((name) => {
      const a = small.samples.get(name) ?? [];
      const b = large.samples.get(name) ?? [];
      const ratio = median(b) / median(a);
      const verdict = name.startsWith('for comparison') ? '' : ratio <= GOAL ? 'met' : '**missed**';
      return `| ${name} | ${ms(median(a))} ms (${a.length}) | ${ms(median(b))} ms (${b.length}) | ${ratio.toFixed(2)} | ${verdict} |`;
    });
    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      'The machine is shared with other workers and was loaded during the run (load average about 6 on 2 cores):',
      'compare the two columns of one run, not one run with another.',
      '',
      'Each size has its own databases on the one server (the plan, cycle, jobs and outbox history; an outbox',
      `holding one broadcast). Rows: the plan's targets and updates (${SIZES.map((s) => s.toLocaleString('en-GB')).join(' / ')} each,`,
      '10 targets a priority, 205 people), the cycle rows (one per target), the jobs, the deliveries.',
      `Filled first, then measured in ${ROUNDS} rounds, the sizes taking turns; the comparisons in the first round only.`,
      'Figures are medians (ms) of all the runs (in brackets).',
      '',
      `| measure | ${SIZES.map((s) => `${s.toLocaleString('en-GB')} rows`).join(' | ')} | ratio | goal ≤ ${GOAL} |`,
      '|---|---|---|---|---|',
      ...lines,
      '',
      `Checks: ${worlds.map((w) => `${w.rows.toLocaleString('en-GB')} rows — ${w.checks.join('; ')}`).join('. ')}.`,
    ].join('\n');
    await writeSection('scaling', body);
    return body;
  } finally {
    for (const world of worlds) await drop(world, database.uri).catch(() => undefined);
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
