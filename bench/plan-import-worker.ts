// The importing process of the plan-import benchmark (bench/plan-import.bench.ts): connects to the
// database it is given, imports the plan file with importPlanFile as `npm run plan -- import` does
// (`--twice`: then again, which must change nothing), and prints its figures as one JSON line.
// Usage: node [flags] --import tsx bench/plan-import-worker.ts <uri> <database> <file> [--twice]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connect } from '../models/database';
import { importPlanFile } from '../services/plan/import';

/** This process's peak resident memory so far (Linux VmHWM), in MB. */
const peakMb = () =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);

export interface WorkerFigures {
  /** Seconds for the first import (validate + write everything). */
  first: number;
  /** Peak RSS of this process up to the end of the first import, in MB (its start included). */
  firstPeakMb: number;
  /** RSS once connected, before importing, in MB. */
  startMb: number;
  second?: number;
  secondChanged?: boolean;
  peakMb: number;
}

async function main(): Promise<void> {
  const [uri, database, file, twice] = process.argv.slice(2);
  if (!uri || !database || !file)
    throw new Error('usage: plan-import-worker.ts <uri> <database> <file> [--twice]');
  await connect(uri, database);
  const startMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const maxBytes = 1024 * 1024 * 1024;
  const t0 = performance.now();
  await importPlanFile(file, maxBytes, { by: 'bench' });
  const figures: WorkerFigures = {
    first: (performance.now() - t0) / 1000,
    firstPeakMb: peakMb(),
    startMb,
    peakMb: 0,
  };
  if (twice === '--twice') {
    const t1 = performance.now();
    const again = await importPlanFile(file, maxBytes, { by: 'bench' });
    figures.second = (performance.now() - t1) / 1000;
    figures.secondChanged = again.changed;
  }
  figures.peakMb = peakMb();
  await mongoose.disconnect();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
