// `npm run cycle -- open …`: the policy team opens a monitoring cycle from the command line.
import 'dotenv/config';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../models/database';
import { loadConfig } from '../config/config';
import { createLogger } from '../log/logger';
import { CycleError, openCycle } from './open';

const USAGE = `Usage: npm run cycle -- open --plan <id> --name "<name>" --due <yyyy-mm-dd> [options]
  --opens <yyyy-mm-dd>        the day the update requests go out (default: today)
  --from <yyyy-mm-dd>         earliest as-of date accepted (default: 3 months before opening)
  --aim <id or code>          only this aim's targets
  --targets <codes>           only these priorities or targets, comma-separated (ED.1,SC1,EN.2/1)
  --remind <days>             working days before the due date, comma-separated (default 5,1)
  --escalate <days>           working days after the due date (default 1)
  --by <email>                who is opening it, for the audit log`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(
      ['plan', 'name', 'due', 'opens', 'from', 'aim', 'targets', 'remind', 'escalate', 'by'].map((o) => [
        o,
        { type: 'string' as const },
      ]),
    ),
  });
  if (positionals[0] !== 'open' || !values.plan || !values.name || !values.due) {
    console.error(USAGE);
    return 2;
  }
  const numbers = (s: string | undefined) => s?.split(',').map((n) => Number(n.trim()));
  const log = createLogger('warn');
  const db = await openDatabase(loadConfig(), log);
  try {
    const opened = await openCycle({
      plan: String(values.plan),
      name: String(values.name),
      dueOn: String(values.due),
      opensOn: values.opens as string | undefined,
      periodFrom: values.from as string | undefined,
      aim: values.aim as string | undefined,
      targets: (values.targets as string | undefined)?.split(',').map((t) => t.trim()),
      remindDaysBefore: numbers(values.remind as string | undefined),
      escalateDaysAfter: numbers(values.escalate as string | undefined)?.[0],
      by: String(values.by ?? `${os.userInfo().username}@${os.hostname()}`),
    });
    console.log(`Opened ${opened.id}: ${opened.targets} targets, ${opened.owners} owners.`);
    for (const s of opened.schedule) console.log(`  ${s.key.padEnd(12)} ${s.at.toISOString()}`);
    if (opened.withoutOwner.length)
      console.log(
        `No owner, so nobody will be asked: ${opened.withoutOwner.join(', ')} (assign them in chat).`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof CycleError) && !(error instanceof Error && /date/i.test(error.message)))
      throw error;
    console.error(`Not opened: ${error.message}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Failed: ${error.message}`);
    process.exit(1);
  },
);
