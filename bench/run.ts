// `npm run bench [-- name]`: runs the benchmarks and writes their figures into bench/README.md.
import * as ask from './ask.bench';
import * as planImport from './plan-import.bench';
import * as submit from './submit.bench';

const benches: Record<string, { run(): Promise<string> }> = {
  'plan-import': planImport,
  ask,
  submit,
  broadcast: { run: () => import('./broadcast.bench').then((b) => b.run()) },
  memory: { run: () => import('./memory.bench').then((b) => b.run()) },
  startup: { run: () => import('./startup.bench').then((b) => b.run()) },
  report: { run: () => import('./report.bench').then((b) => b.run()) },
  scaling: { run: () => import('./scaling.bench').then((b) => b.run()) },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const name of wanted.length ? wanted : Object.keys(benches)) {
    const bench = benches[name];
    if (!bench) throw new Error(`No benchmark "${name}" (there are: ${Object.keys(benches).join(', ')})`);
    console.log(`\n## ${name}\n${await bench.run()}`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
