import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, ROOT, waitFor } from '../support/processes';

// The README's own command, as a newcomer and a service manager run it: `npm start` (with npm's
// pre-start checks and the build into dist/), signalled as a terminal, systemd or Kubernetes
// signals it — the npm process itself, not its child.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;

interface Run {
  pid: number;
  lines: string[];
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** `npm <args>` with this test's Node first on PATH (npm runs scripts with the `node` it finds). */
function npm(args: string[], env: Record<string, string>): Run {
  const child = spawn('npm', args, {
    cwd: ROOT,
    env: {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  running.push(child.pid ?? 0);
  return { pid: child.pid ?? 0, lines, exited, kill: (signal) => child.kill(signal) };
}

const running: number[] = [];
afterAll(() => running.forEach((pid) => alive(pid) && process.kill(pid, 'SIGKILL')));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Resolves with the exit code, or 'still running' after 10 s: the most a stop may take. */
function within10s(run: Run): Promise<number | null | string> {
  return Promise.race([
    run.exited,
    new Promise<string>((r) => setTimeout(() => r('still running'), 10_000).unref()),
  ]);
}

describeEmbedded('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gt-npm-start-'));
  const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', DEMO_PLAN: 'never' };

  async function startAndWait(
    more: Record<string, string> = {},
  ): Promise<{ run: Run; port: number; bot: number; database: number }> {
    const port = await freePort();
    // The first start in a fresh checkout builds dist/ (about 10 s): allow for it.
    const run = npm(['start'], { ...env, PORT: String(port), ...more });
    await waitFor(
      'the bot to listen',
      () => (run.lines.some((l) => l.includes('Golden Thread is running')) ? true : undefined),
      120_000,
    );
    const holder = JSON.parse(readFileSync(path.join(dataDir, '.lock'), 'utf8')) as {
      pid: number;
      parent: number;
    };
    return { run, port, bot: holder.parent, database: holder.pid };
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    test(`${signal} to the npm process stops the bot and its database within 10 s`, async () => {
      const { run, port, bot, database } = await startAndWait();
      expect(await healthy(port)).toBe(true);
      expect(run.lines.join('\n')).not.toContain('DEP0');
      run.kill(signal);
      expect(await within10s(run)).toBe(0);
      await waitFor('the database process to end', () => (alive(database) ? undefined : true), 5_000);
      expect(alive(bot)).toBe(false);
      expect(await healthy(port)).toBe(false);
      expect(run.lines.some((l) => l.includes('"msg":"Stopped"'))).toBe(true);
    });

  test('a second start on the same data folder is refused naming the first; the command line shares its database', async () => {
    const first = await startAndWait({ DEMO_PLAN: 'auto' });
    const second = npm(['start'], { ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.lines.join('\n')).toContain(
      `The data folder ${dataDir} is in use by another Golden Thread (process ${first.bot}`,
    );
    expect(await healthy(first.port)).toBe(true);

    // `npm run plan` beside the running bot talks to the bot's database instead of starting another.
    const list = npm(['run', 'plan', '--', 'list'], { ...env });
    expect(await list.exited).toBe(0);
    expect(list.lines.join('\n')).toContain('leicester-2003');

    first.run.kill('SIGTERM');
    expect(await within10s(first.run)).toBe(0);
  });
});
