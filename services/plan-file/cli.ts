// `npm run plan -- <command>`: import, export, check and list plans from the command line.
import 'dotenv/config';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../models/database';
import { loadConfig } from '../config/config';
import { createLogger } from '../log/logger';
import { exportPlan, listPlans } from '../plan/export';
import { importPlanFile } from '../plan/import';
import { auditCommand } from '../audit/cli';
import { terminalProgress } from './progress';
import { readPlanFile } from './read';
import { writePlanFile } from './write';

const USAGE = `Usage: npm run plan -- <command>
  import <file> [--prune] [--by <email>]   load a plan file (.yaml .yml .json .csv .xlsx)
  export <file> [--plan <id>]              write a plan to a file; the format follows the extension
  check <file>                             validate a plan file without touching the database
  list                                     the plans in the database
  audit [--since <yyyy-mm-dd>] [--plan <id>] [--out <file.csv>]
                                           the audit trail as CSV (to the terminal without --out)`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      prune: { type: 'boolean' },
      by: { type: 'string' },
      plan: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) return usage(values.help ? 0 : 2);
  const config = loadConfig();
  const maxBytes = config.PLAN_IMPORT_MAX_MB * 1024 * 1024;

  if (command === 'check') {
    if (!file) return usage(2);
    const plan = await readPlanFile(file, { maxBytes });
    const targets = plan.priorities.reduce((n, p) => n + p.targets.length, 0);
    console.log(
      `${file} is valid: ${plan.aims.length} aims, ${plan.priorities.length} priorities, ${targets} targets.`,
    );
    return 0;
  }
  if (
    !['import', 'export', 'list', 'audit'].includes(command) ||
    (!['list', 'audit'].includes(command) && !file)
  )
    return usage(2);

  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = await openDatabase(config, log);
  try {
    if (command === 'audit')
      return await auditCommand({ since: values.since, plan: values.plan, out: values.out });
    if (command === 'list') {
      for (const p of await listPlans()) console.log(`${p.id}\t${p.status}\t${p.organisation}: ${p.title}`);
    } else if (command === 'import' && file) {
      const progress = terminalProgress();
      const by = values.by ?? `${os.userInfo().username}@${os.hostname()}`;
      const summary = await importPlanFile(file, maxBytes, {
        by,
        prune: values.prune,
        onProgress: progress.onProgress,
      });
      progress.stop();
      console.log(describeImport(summary));
    } else if (command === 'export' && file) {
      const planId = values.plan ?? (await onlyPlan());
      await writePlanFile(file, await exportPlan(planId));
      console.log(`Wrote plan ${planId} to ${file}.`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

async function onlyPlan(): Promise<string> {
  const plans = await listPlans();
  if (plans.length === 1 && plans[0]) return plans[0].id;
  throw new Error(
    plans.length
      ? `There are ${plans.length} plans (${plans.map((p) => p.id).join(', ')}): name one with --plan.`
      : 'There are no plans in the database.',
  );
}

function describeImport(s: Awaited<ReturnType<typeof importPlanFile>>): string {
  if (!s.changed) return `Plan ${s.plan}: nothing to change — the database already matches the file.`;
  const line = (
    name: string,
    c: { created: number; changed: number; unchanged: number; removed: number; notInFile: number },
  ) =>
    `  ${name.padEnd(11)} ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged` +
    (c.removed ? `, ${c.removed} removed` : '') +
    (c.notInFile ? `, ${c.notInFile} not in the file (kept; --prune removes them)` : '');
  return [
    `Imported plan ${s.plan}:`,
    line('aims', s.aims),
    line('priorities', s.priorities),
    line('targets', s.targets),
    line('people', s.people),
    // The risk register, when the plan has one (services/risk/*).
    ...(Object.values(s.risks).some((n) => n > 0) ? [line('risks', s.risks)] : []),
    `  updates     ${s.updates.created} new, ${s.updates.unchanged} already there`,
    `  cycles      ${s.cycles.created} new, ${s.cycles.unchanged} already there (kept as they are)`,
  ].join('\n');
}

function usage(code: number): number {
  (code ? console.error : console.log)(USAGE);
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
