import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import mongoose from 'mongoose';

export const ROOT = path.join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Started {
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  stderr: string[];
  exited: Promise<number | null>;
}

/**
 * Runs `npm start`'s entry point, collecting its JSON log lines. Node loads tsx itself (rather than
 * the tsx wrapper spawning a second node), so a signal sent to `child` reaches the bot.
 */
export function startBot(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line });
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, logs, stderr, exited };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves once the bot says it is listening. */
export function untilListening(bot: Started): Promise<unknown> {
  return waitFor('the bot to listen', () => bot.logs.find((l) => l.msg === 'Golden Thread is running'));
}

/**
 * The bot in a process of its own on this test file's database and a free local port, once it
 * listens; it is added to `running` so the file can kill whatever is left at the end.
 */
export async function startBotOnTestDatabase(
  env: Record<string, string>,
  running: Started[],
): Promise<Started> {
  const bot = startBot({
    MONGODB_URI: process.env.TEST_MONGODB_URI ?? '',
    MONGODB_DB: mongoose.connection.name,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    ...env,
  });
  running.push(bot);
  await untilListening(bot);
  return bot;
}

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Runs a command-line entry point of the project (`services/cycle/cli.ts`, …) as a policy officer
 * would, against this test file's database; resolves with its output, rejects (with `code`,
 * `stdout`, `stderr`) when it exits non-zero.
 */
export function runCli(script: string, args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [TSX, script, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MONGODB_URI: process.env.TEST_MONGODB_URI ?? '',
      MONGODB_DB: mongoose.connection.name,
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}

/**
 * Stops a process (SIGSTOP) and resolves once every one of its threads is stopped: the signal is
 * delivered asynchronously, and a busy machine can let a frozen server answer one more request
 * after `kill` returns. Reads each thread's state from /proc (Linux: "T" stopped, "t" traced).
 */
export async function freeze(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  const state = (task: string) => {
    try {
      // The state follows the command name, which is in parentheses and may itself hold spaces.
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return 'T'; // a thread that has ended runs no more
    }
  };
  await waitFor(
    `process ${pid} to be stopped`,
    () => (readdirSync(`/proc/${pid}/task`).every((task) => /[Tt]/.test(state(task))) ? true : undefined),
    10_000,
  );
}
