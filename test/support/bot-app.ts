import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createBotApp, type BotApp, type BotAppOptions } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import pino from 'pino';
import type { Logger } from '../../services/log/logger';
import { importPlanFile } from '../../services/plan/import';
import { ROOT } from './processes';
import { startRecordingConnector } from './recording-connector';

/** Imports a plan file (a path from the project root) into the test file's database. */
export function importFixture(file: string, by = 'test@test.gov.uk') {
  return importPlanFile(path.join(ROOT, file), 20 * 1024 * 1024, { by });
}

/** The bot as `npm start` assembles it, configured from `env`, listening on a free local port. */
export async function startTestBot(
  env: Record<string, string> = {},
  options: BotAppOptions = {},
): Promise<{ bot: BotApp; base: string; close(): void }> {
  const errors: string[] = [];
  const bot = createBotApp(loadConfig(env), errorsInto(errors), options);
  await new Promise<void>((resolve) => bot.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  return {
    bot,
    base,
    close: () => {
      // What the bot logged as errors, shown once the file is done: a reply that says "something went
      // wrong" then comes with its cause in the test's output.
      if (errors.length) console.error(`The bot logged ${errors.length} error(s):\n${errors.join('\n')}`);
      bot.server.close();
    },
  };
}

/** A logger that keeps the bot's error lines (JSON, with the stack) in `errors` and writes nothing. */
function errorsInto(errors: string[]): Logger {
  return pino(
    { level: 'error', base: { app: 'golden-thread' } },
    { write: (line: string) => errors.push(line.trim()) },
  );
}

/**
 * A Teams test's setting: the plan file `fixture` imported, a recording connector for the bot's
 * replies, and the bot with its default settings. `close` stops both.
 */
export async function startTeamsTestBot(fixture: string) {
  await importFixture(fixture);
  const connector = await startRecordingConnector();
  const bot = await startTestBot();
  return {
    ...bot,
    connector,
    async close() {
      bot.close();
      await connector.close();
    },
  };
}

export type TeamsTestBot = Awaited<ReturnType<typeof startTeamsTestBot>>;
