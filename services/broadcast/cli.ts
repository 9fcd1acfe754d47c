// `npm run broadcast -- consultation|workshop <file.yaml> …`: the policy team sends a consultation
// or publishes a workshop from a file; the running bot sends it (the jobs are in the database).
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { fits } from '../../cards/fits';
import { openDatabase } from '../../models/database';
import type { ComposeValues } from '../answers/views';
import { loadConfig } from '../config/config';
import { composeConsultation } from '../consultation/compose';
import { Links } from '../links';
import { createLogger } from '../log/logger';
import { cancelWorkshop, publishWorkshop, WorkshopError } from '../workshop/publish';
import { isPolicyTeam, type BroadcastFormDeps } from './broadcast';
import { runCommandLine } from '../command-line';
import { invitations } from './invitations';

const USAGE = `Usage:
  npm run broadcast -- consultation <file.yaml> --by <policy-team email> [--list <emails.csv>] [--preview]
  npm run broadcast -- workshop <file.yaml> --by <policy-team email> [--list <emails.csv>]
  npm run broadcast -- cancel-workshop <id> --by <policy-team email>
A consultation file has title, summary, link, questions (a list: "single: Do you agree? | Yes | No",
"multiple: …", "rating: …", "text: …"), closes (yyyy-mm-dd [hh:mm]), nudgeDays, audience, sendAt.
A workshop file has title, description, starts, ends, place or link, capacity, audience,
remindDaysBefore. --list reads the audience from a CSV of emails (a column named "email").`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { by: { type: 'string' }, list: { type: 'string' }, preview: { type: 'boolean' } },
  });
  const [what, target] = positionals;
  if (!what || !target || !values.by || !['consultation', 'workshop', 'cancel-workshop'].includes(what)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger('warn');
  const db = await openDatabase(config, log);
  try {
    const by = values.by.toLowerCase();
    if (!(await isPolicyTeam(by))) {
      console.error(`Not sent: ${by} is not in the policy team (role "policy" in the plan's people).`);
      return 1;
    }
    const links = new Links(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, config.LINK_SECRET);
    const deps: BroadcastFormDeps = {
      now: () => new Date(),
      log,
      links,
      approvalOver: config.BROADCAST_APPROVAL_OVER,
      fits,
      invitation: invitations(links),
    };
    if (what === 'cancel-workshop') {
      console.log((await cancelWorkshop(target, by, deps)).text);
      return 0;
    }
    let file: Record<string, unknown>;
    try {
      const parsed: unknown = YAML.parse(await readFile(target, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('it is not a YAML mapping');
      file = parsed as Record<string, unknown>;
    } catch (error) {
      console.error(`Not sent: ${target} could not be read: ${(error as Error).message}`);
      return 1;
    }
    if (values.list) file.audience = `list: ${await readFile(values.list, 'utf8')}`;
    if (what === 'workshop') {
      try {
        console.log((await publishWorkshop(file, by, deps)).text);
        return 0;
      } catch (error) {
        if (!(error instanceof WorkshopError)) throw error;
        console.error(`Not published: ${error.message}`);
        return 1;
      }
    }
    const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    const composed: ComposeValues = {
      title: text(file.title),
      summary: text(file.summary),
      link: text(file.link),
      questions: Array.isArray(file.questions) ? file.questions.map(String).join('\n') : text(file.questions),
      closes: text(file.closes),
      nudgeDays: text(file.nudgeDays),
      audience: text(file.audience),
      sendAt: text(file.sendAt),
    };
    const views = await composeConsultation(
      { values: composed, author: by, mode: values.preview ? 'preview' : 'send' },
      deps,
    );
    for (const view of views) {
      if (view.kind === 'composeConsultation') {
        console.error('Not sent:');
        for (const [field, error] of Object.entries(view.errors)) console.error(`  ${field}: ${error}`);
        if (view.problem) console.error(`  ${view.problem}`);
        return 1;
      }
      if (view.kind === 'notice') console.log(view.text);
      if (view.kind === 'consultation')
        console.log(`Preview: "${view.title}", ${view.questions.length} questions.`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCommandLine(main);
