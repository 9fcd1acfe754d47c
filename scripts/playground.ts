// `npm run playground`: Microsoft's local Teams emulator (the Microsoft 365 Agents Playground, a dev
// dependency) pointed at the running bot, so the bot can be tried in a browser with its cards drawn
// by the Teams renderer. No network and no Microsoft account: the Playground is its own Bot
// Connector. Who you are in it is written in .m365agentsplayground.yml.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.join(__dirname, '..');
export const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const DEFAULT_BOT_URL = 'http://127.0.0.1:3978';
const DEFAULT_PORT = 56150;

export interface PlaygroundOptions {
  /** Where the bot is: its /api/messages is what the Playground talks to. */
  botUrl: string;
  /** The Playground's port; if taken, the Playground picks a free one and says which. */
  port: number;
  /** The Playground's own log (it writes one wherever it is told, ./devTools otherwise). */
  logFile: string;
  configFile?: string;
}

export interface Playground {
  child: ChildProcess;
  /** The page to open. */
  url: string;
  /** Everything it printed, for a test's failure message. */
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts the Playground (node running its CLI directly, so stopping the child stops it) and resolves
 * once it listens. It opens no browser and sends no telemetry.
 */
export function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const endpoint = new URL('/api/messages', options.botUrl).toString();
  const child = spawn(
    process.execPath,
    [cli, '-e', endpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile ?? PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
        // It would try to open a browser itself, and exit if there is none to open.
        TEAMSAPPTESTER_BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const failed = (why: string) =>
      reject(new Error(`The Agents Playground did not start: ${why}\n${output.join('\n')}`));
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const listening = /Listening on (\d+)/.exec(line);
      if (listening) resolve({ child, url: `http://localhost:${listening[1]}`, output, stop });
    });
    child.once('error', (error) => failed(error.message));
    child.once('exit', (code) => failed(`it exited with code ${code}`));
  });
}

/** Whether something answers at the bot's health check, and what. */
async function botHealth(botUrl: string): Promise<number | undefined> {
  try {
    return (await fetch(new URL('/healthz', botUrl), { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const botUrl = process.env.BOT_URL || DEFAULT_BOT_URL;
  const port = Number(process.env.PLAYGROUND_PORT || DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(
      `PLAYGROUND_PORT must be a whole number from 1 to 65535 (got "${process.env.PLAYGROUND_PORT}")`,
    );
    process.exit(1);
  }
  const health = await botHealth(botUrl);
  if (health === undefined) {
    console.error(
      [
        `The bot is not running at ${botUrl}, so the Playground would have nothing to talk to.`,
        'Start it first, in another terminal:',
        '',
        '  npm start',
        '',
        'then run `npm run playground` again. (BOT_URL points this at a bot elsewhere.)',
      ].join('\n'),
    );
    process.exit(1);
  }
  if (health !== 200)
    console.warn(`The bot at ${botUrl} answers its health check with ${health}; is its database up?`);

  const logFile = path.join(ROOT, '.cache', 'playground', 'm365agentsplayground.log');
  const playground = await startPlayground({ botUrl, port, logFile });
  console.log(
    [
      '',
      `Microsoft 365 Agents Playground (Microsoft's local Teams emulator): open ${playground.url}`,
      '',
      `It talks to the bot at ${new URL('/api/messages', botUrl)}. You are Alex Wilber (Teams id user-id-0):`,
      "in the demo plan you own ED.1's targets and are in the policy team. Try:",
      '  status of ED.1       the priority, its figures and the latest update',
      '  my targets           your targets; "Update this target" opens the update form',
      "  what's off track?    and the suggestion buttons under each answer",
      '  + beside the compose box → Search Command → type ED.1   the message extension',
      '',
      `Its log: ${path.relative(process.cwd(), logFile)}. Ctrl+C stops it.`,
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    stopping = true;
    void playground.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  playground.child.once('exit', (code) => {
    if (stopping) return;
    console.error(`The Playground stopped by itself (exit code ${code}); see its log.`);
    process.exit(code || 1);
  });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
