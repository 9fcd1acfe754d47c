// Issue 14 benchmark: the performance report of a monitoring cycle over a 1,000-target plan — the
// summary card, the Word document (with its charts), the workbook, the CSV and the RAG-by-aim chart,
// each made as the signed link serves it (services/files.ts `fileAt`): time and memory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connect } from '../models/database';
import { fileAt } from '../services/files';
import { createLogger } from '../services/log/logger';
import { importPlanFile } from '../services/plan/import';
import { writePlanFile } from '../services/plan-file/write';
import { performanceReport } from '../services/report/command';
import { reportPath } from '../services/report/files';
import { generatePlan } from './generate-plan';
import { benchDatabase, machine, peakMemory, writeSection } from './support';

const PRIORITIES = Number(process.env.BENCH_REPORT_PRIORITIES ?? 100);
const TARGETS_EACH = 10;
/** Figures per target before the cycle's own: the trend's "last update" and more history to chart. */
const EARLIER = 4;
const CYCLE = 'q3-2026-27';

/** The generated plan with a closed cycle over every target and a confirmed figure for each. */
function planWithCycle() {
  const plan = generatePlan(PRIORITIES, TARGETS_EACH, 0);
  const targets = plan.priorities.flatMap((p) => p.targets);
  const at = (day: string) => `${day}T09:00:00Z`;
  const quarters = ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30'].slice(-EARLIER);
  plan.updates = targets.flatMap((t, i) => [
    ...quarters.map((asOf, q) => ({
      id: `early-${i}-${q}`,
      target: t.id,
      value: 42 + ((i + q) % 9),
      asOf,
      by: t.owner,
      at: at(asOf),
      channel: 'import' as const,
    })),
    {
      id: `q3-${i}`,
      target: t.id,
      value: 40 + (i % 17),
      asOf: '2026-12-31',
      commentary: `Commentary for ${t.id}: Cyngor Sir Ynys Môn – what happened this quarter and why.`,
      correctiveAction:
        i % 3 === 0 ? `Corrective action for ${t.id}: a recovery plan with partners.` : undefined,
      by: t.owner,
      at: at('2027-01-10'),
      channel: 'import' as const,
      cycle: CYCLE,
    },
  ]);
  plan.cycles = [
    {
      id: CYCLE,
      name: 'Q3 2026/27',
      scope: 'all',
      periodFrom: '2026-10-01',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      remindDaysBefore: [5, 1],
      escalateDaysAfter: 1,
      tolerance: 0.05,
      status: 'closed',
      closedOn: '2027-01-16',
      meeting: { name: 'Cabinet', on: '2027-03-24' },
      openedBy: 'bench',
      targets: targets.map((t) => ({ target: t.id, owner: t.owner })),
    },
  ];
  return plan;
}

async function timed<T>(what: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await what();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export async function run(): Promise<string> {
  const log = createLogger('warn');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-report-'));
  const database = await benchDatabase(dir, log);
  await connect(database.uri, `bench-report-${Date.now()}`);
  try {
    const plan = planWithCycle();
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, plan);
    await importPlanFile(file, 64 * 1024 * 1024, { by: 'bench' });
    const cycleId = `${plan.plan.id}:${CYCLE}`;
    const now = new Date('2027-01-16T10:00:00Z');
    const targetCount = plan.priorities.reduce((n, p) => n + p.targets.length, 0);

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const memory = peakMemory();
    const rssBefore = process.memoryUsage().rss;
    const card = await timed(() => performanceReport({ cycle: 'Q3 2026/27', draft: false }, undefined, now));
    const files: [string, Parameters<typeof reportPath>[2]][] = [
      ['Word document (.docx, with the RAG chart and 30 exception charts)', 'report.docx'],
      ['Excel workbook (.xlsx)', 'report.xlsx'],
      ['CSV', 'report.csv'],
      ['RAG-by-aim chart (PNG)', 'rag-by-aim.png'],
    ];
    const made: { name: string; seconds: number; bytes: number }[] = [];
    for (const [name, which] of files) {
      const { value, seconds } = await timed(() => fileAt(reportPath(cycleId, false, which)));
      if (!value) throw new Error(`No ${which} was made`);
      made.push({ name, seconds, bytes: Buffer.byteLength(value.body) });
    }
    const peakRss = memory.stop();
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const view = card.value;
    if (view.kind !== 'performanceReport') throw new Error(`The report card was a ${view.kind}`);
    const total = card.seconds + made.reduce((s, f) => s + f.seconds, 0);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const rows = [
      `| plan | ${targetCount.toLocaleString('en-GB')} targets in one closed cycle, each with a confirmed figure and ${EARLIER} earlier ones (${plan.updates.length.toLocaleString('en-GB')} updates) |`,
      `| exceptions (Red or Amber) | ${(view.exceptions.length + view.moreExceptions).toLocaleString('en-GB')} |`,
      `| summary card ("performance report Q3 2026/27") | ${card.seconds.toFixed(2)} s |`,
      ...made.map((f) => `| ${f.name} | ${f.seconds.toFixed(2)} s, ${(f.bytes / 1024).toFixed(0)} KB |`),
      `| **all of them, one after another** | **${total.toFixed(1)} s** (goal < 30 s: ${total < 30 ? 'met' : '**missed**'}) |`,
      `| RSS before → peak while making them | ${mb(rssBefore)} → ${peakRss} MB |`,
      `| heap in use before → after (after a full GC${global.gc ? '' : ', not available: run with --expose-gc'}) | ${mb(heapBefore)} → ${mb(heapAfter)} MB |`,
    ];
    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      '',
      'Each file is made as its signed link serves it (`fileAt`), in this process, one after another,',
      'reading the plan from the database each time, as the bot does.',
      '',
      '| measure | result |',
      '|---|---|',
      ...rows,
    ].join('\n');
    // A quick trial (a smaller plan) is printed, not written down.
    if (!process.env.BENCH_REPORT_PRIORITIES) await writeSection('report', body);
    return body;
  } finally {
    await mongoose.disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
