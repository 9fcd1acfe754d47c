import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT, freePort } from '../support/processes';

/** Runs `npm run playground`'s script; resolves with its exit code and what it printed. */
function playground(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/playground.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

test('without a running bot it says how to start one, and starts nothing', async () => {
  const { code, output } = await playground({ BOT_URL: `http://127.0.0.1:${await freePort()}` });
  expect(code).toBe(1);
  expect(output).toContain('The bot is not running at http://127.0.0.1:');
  expect(output).toContain('npm start');
});

test('a bad PLAYGROUND_PORT is refused with a message naming it', async () => {
  const { code, output } = await playground({ PLAYGROUND_PORT: 'abc' });
  expect(code).toBe(1);
  expect(output).toContain('PLAYGROUND_PORT must be a whole number from 1 to 65535 (got "abc")');
});

test('with a bot it starts the Playground, says where to open it, and stops on SIGTERM', async () => {
  // A stand-in bot: the script only needs /healthz to answer before it starts the Playground.
  // (writeHead is not chained: restify, loaded by another test file in this worker, patches it.)
  const bot = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/playground.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BOT_URL: `http://127.0.0.1:${(bot.address() as AddressInfo).port}`,
      PLAYGROUND_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl+C stops it')) resolve();
      });
      child.on('exit', () => reject(new Error(`it exited early:\n${output}`)));
    });
    expect(output).toContain(`open http://localhost:${port}`);
    expect(output).toContain('You are Alex Wilber (Teams id user-id-0)');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    bot.close();
  }
}, 60_000);
