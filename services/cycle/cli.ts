// `npm run cycle -- open|close …`: the policy team opens or closes a monitoring cycle from the
// command line.
import 'dotenv/config';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../models/database';
import { loadConfig } from '../config/config';
import { createLogger } from '../log/logger';
import { Links } from '../links';
import { reportOnClose } from '../report/command';
import { closeCycle } from './close';
import { CycleError, openCycle } from './open';
import { findCycle } from './status';
import { runCommandLine } from '../command-line';

const USAGE = `Usage: npm run cycle -- open --plan <id> --name "<name>" --due <yyyy-mm-dd> [options]
  --opens <yyyy-mm-dd>        the day the update requests go out (default: today)
  --from <yyyy-mm-dd>         earliest as-of date accepted (default: 3 months before opening)
  --aim <id or code>          only this aim's targets
  --targets <codes>           only these priorities or targets, comma-separated (ED.1,SC1,EN.2/1)
  --remind <days>             working days before the due date, comma-separated (default 5,1)
  --escalate <days>           working days after the due date (default 1)
  --meeting "<committee>"     the meeting its report goes to, e.g. "Cabinet" (with --meeting-on)
  --meeting-on <yyyy-mm-dd>   the day it meets
  --report-deadline <date>    the day the report must be ready (default: 6 working days before the
                              meeting, so its agenda can go out 5 clear days ahead)
  --by <email>                who is opening it, for the audit log

       npm run cycle -- close --name "<name>" [--plan <id>] [--by <email>]
  Closes the cycle: its forms stop taking updates, its pending reminders are not sent, and its
  performance report card is queued for the policy team.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(
      [
        'plan',
        'name',
        'due',
        'opens',
        'from',
        'aim',
        'targets',
        'remind',
        'escalate',
        'meeting',
        'meeting-on',
        'report-deadline',
        'by',
      ].map((o) => [o, { type: 'string' as const }]),
    ),
  });
  const by = String(values.by ?? `${os.userInfo().username}@${os.hostname()}`);
  if (positionals[0] === 'close' && values.name) return close(String(values.name), values.plan, by);
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
      meeting: values.meeting
        ? { name: String(values.meeting), on: String(values['meeting-on'] ?? '') }
        : undefined,
      reportDeadline: values['report-deadline'] as string | undefined,
      by,
    });
    console.log(`Opened ${opened.id}: ${opened.targets} targets, ${opened.owners} owners.`);
    if (opened.reportDeadline) console.log(`  report ready by ${opened.reportDeadline}`);
    for (const warning of opened.warnings) console.log(`Note: ${warning}`);
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

async function close(name: string, plan: string | undefined, by: string): Promise<number> {
  const config = loadConfig();
  const log = createLogger('warn');
  const db = await openDatabase(config, log);
  try {
    const cycle = await findCycle(name);
    if (!cycle || (plan && cycle.plan !== plan)) {
      console.error(`Not closed: there is no monitoring cycle called "${name}"${plan ? ` in ${plan}` : ''}.`);
      return 1;
    }
    const now = new Date();
    const closed = await closeCycle(cycle, by, 'cli', now);
    const note = `${closed.changed ? 'Closed' : 'Already closed'} ${cycle._id} on ${closed.closedOn}: ${closed.submitted} of ${closed.targets} targets updated.`;
    console.log(note);
    if (!closed.changed) return 0;
    // The running bot sends the report card to the policy team through the outbox. Its file links
    // are signed with LINK_SECRET, which the bot must share; without it the card goes without them.
    const report = await reportOnClose(
      { ...cycle, status: 'closed', closedOn: closed.closedOn },
      {
        note,
        links: config.LINK_SECRET
          ? new Links(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, config.LINK_SECRET)
          : undefined,
        now,
        log,
      },
    );
    console.log(
      report.kind === 'performanceReport'
        ? `The performance report is queued for the policy team${config.LINK_SECRET ? '' : ' (without file links: set LINK_SECRET as the bot has it)'}.`
        : report.kind === 'notice'
          ? report.text
          : '',
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCommandLine(main);
