// Issue 2 benchmark (goals from issue 16): import a generated plan (500 priorities, 5,000 targets,
// 100,000 updates) into the embedded database in a process of its own, then look priorities up by
// code 10,000 times.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import '../models';
import { Priority } from '../models';
import { connect } from '../models/database';
import { createLogger } from '../services/log/logger';
import { writePlanFile } from '../services/plan-file/write';
import { generatePlan } from './generate-plan';
import type { WorkerFigures } from './plan-import-worker';
import { benchDatabase, machine, peakMemoryOf, percentile, writeSection } from './support';

const execFileAsync = promisify(execFile);
const ROOT = path.join(__dirname, '..');
/** What production runs node with (package.json `start`, README "Running in production"). */
const PRODUCTION_FLAG = '--max-semi-space-size=8';
/** Issue 16's goals for the first import. */
const GOAL_SECONDS = 10;
const GOAL_MB = 300;

/** Imports `file` into `database` in a new node process started with `flags`; its figures. */
async function importInProcess(
  flags: string[],
  uri: string,
  database: string,
  file: string,
  twice: boolean,
): Promise<WorkerFigures> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [
      ...flags,
      '--import',
      'tsx',
      path.join(__dirname, 'plan-import-worker.ts'),
      uri,
      database,
      file,
      ...(twice ? ['--twice'] : []),
    ],
    { cwd: ROOT, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerFigures;
}

export async function run(): Promise<string> {
  const log = createLogger('warn');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-import-'));
  const database = await benchDatabase(dir, log);
  const name = `bench-import-${Date.now()}`;
  try {
    const file = path.join(dir, 'plan.json');
    const codes = await (async () => {
      const plan = generatePlan();
      await writePlanFile(file, plan);
      return plan.priorities.map((p) => `bench-plan:${p.id}`);
    })();
    const { size } = statSync(file);
    const load = os.loadavg()[0] ?? 0;

    // The import as production runs node, then again: the second must change nothing.
    const flagged = await importInProcess([PRODUCTION_FLAG], database.uri, name, file, true);
    if (flagged.secondChanged !== false) throw new Error('the second import changed something');
    // The same first import in a process with node's defaults (as `npm run plan` starts it today),
    // into an empty database of its own.
    const plain = await importInProcess([], database.uri, `${name}-defaults`, file, false);

    await connect(database.uri, name);
    const times: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = codes[(i * 7919) % codes.length] as string;
      const t = performance.now();
      const found = await Priority.findById(id).lean();
      times.push(performance.now() - t);
      if (!found) throw new Error(`priority ${id} not found`);
    }
    times.sort((a, b) => a - b);
    const ms = (n: number) => n.toFixed(2);
    const dbPeak = database.pid ? peakMemoryOf(database.pid) : undefined;
    const goal = (ok: boolean) => (ok ? 'met' : '**missed**');

    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      `The machine is shared with other work (load average ${load.toFixed(1)} on its 2 cores as the run began): times vary from run to run.`,
      '',
      `Each import runs in a node process of its own (bench/plan-import-worker.ts, through tsx), as \`npm run plan -- import\``,
      `does: \`importPlanFile\`, timed from the call to its return; peak RSS is that process's VmHWM, its start included.`,
      '',
      '| measure | result | goal |',
      '|---|---|---|',
      `| plan file | 500 priorities, 5,000 targets, 100,000 updates, 200 people; JSON ${(size / 1024 / 1024).toFixed(1)} MB | |`,
      `| **first import** (validate + write everything), node ${PRODUCTION_FLAG} as in production | **${flagged.first.toFixed(1)} s** | ≤ ${GOAL_SECONDS} s: ${goal(flagged.first <= GOAL_SECONDS)} |`,
      `| **peak RSS of the importing process**, node ${PRODUCTION_FLAG} | **${flagged.firstPeakMb} MB** (${flagged.startMb} MB once connected) | ≤ ${GOAL_MB} MB: ${goal(flagged.firstPeakMb <= GOAL_MB)} |`,
      `| second import of the same file (no changes), same process | ${flagged.second?.toFixed(1)} s | |`,
      `| first import, node's default flags (\`npm run plan\` today) | ${plain.first.toFixed(1)} s, peak RSS ${plain.firstPeakMb} MB (${plain.startMb} MB once connected) | |`,
      ...(dbPeak ? [`| peak RSS of the database process (all three imports) | ${dbPeak} MB | |`] : []),
      `| priority lookup by code (findById), 10,000 lookups | median ${ms(percentile(times, 50))} ms, p99 ${ms(percentile(times, 99))} ms | |`,
    ].join('\n');
    await writeSection('plan-import', body);
    return body;
  } finally {
    for (const db of [name, `${name}-defaults`])
      await mongoose.connection
        .useDb(db)
        .dropDatabase()
        .catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
