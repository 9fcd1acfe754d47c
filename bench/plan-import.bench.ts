// Issue 2 benchmark: import a generated plan (500 priorities, 5,000 targets, 100,000 updates) into
// the embedded database, then look priorities up by code 10,000 times.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import '../models';
import { Priority } from '../models';
import { connect } from '../models/database';
import { createLogger } from '../services/log/logger';
import { importPlanFile } from '../services/plan/import';
import { writePlanFile } from '../services/plan-file/write';
import { generatePlan } from './generate-plan';
import { benchDatabase, machine, peakMemory, peakMemoryOf, percentile, writeSection } from './support';

const report = (phase: string, done: number, total: number) => {
  if (done === total || done % 10_000 === 0) console.error(`  ${phase}: ${done}/${total}`);
};

export async function run(): Promise<string> {
  const log = createLogger('warn');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-bench-import-'));
  const database = await benchDatabase(dir, log);
  await connect(database.uri, `bench-import-${Date.now()}`);
  try {
    const plan = generatePlan();
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, plan);
    const { size } = await import('node:fs').then((fs) => fs.statSync(file));

    const memory = peakMemory();
    const t0 = performance.now();
    await importPlanFile(file, 1024 * 1024 * 1024, { by: 'bench', onProgress: report });
    const importSeconds = (performance.now() - t0) / 1000;
    const peakMb = memory.stop();

    const t1 = performance.now();
    const again = await importPlanFile(file, 1024 * 1024 * 1024, { by: 'bench' });
    const reimportSeconds = (performance.now() - t1) / 1000;
    if (again.changed) throw new Error('the second import changed something');

    const codes = plan.priorities.map((p) => `bench-plan:${p.id}`);
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

    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machine()}; database: ${database.description}.`,
      '',
      '| measure | result |',
      '|---|---|',
      `| plan file | 500 priorities, 5,000 targets, 100,000 updates, 200 people; JSON ${(size / 1024 / 1024).toFixed(1)} MB |`,
      `| first import (validate + write everything) | ${importSeconds.toFixed(1)} s |`,
      `| peak RSS of the importing process | ${peakMb} MB |`,
      ...(dbPeak ? [`| peak RSS of the database process | ${dbPeak} MB |`] : []),
      `| second import of the same file (no changes) | ${reimportSeconds.toFixed(1)} s |`,
      `| priority lookup by code (findById), 10,000 lookups | median ${ms(percentile(times, 50))} ms, p99 ${ms(percentile(times, 99))} ms |`,
    ].join('\n');
    await writeSection('plan-import', body);
    return body;
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
