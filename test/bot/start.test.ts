import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, startBot, untilListening, type Started } from '../support/processes';

// `npm start` as a newcomer runs it: embedded database, demo plan loaded into the empty database.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;

async function health(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  } catch {
    return undefined;
  }
}

// A failed expectation must not leave a bot running: it would keep jest from exiting.
const running: Started[] = [];
afterAll(() => running.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')));

async function startAndWait(env: Record<string, string>): Promise<{ bot: Started; uri: string }> {
  const bot = startBot(env);
  running.push(bot);
  await untilListening(bot);
  const uri = bot.logs.find((l) => l.msg === 'Embedded database listening')?.uri as string;
  return { bot, uri };
}

async function countIn(uri: string): Promise<{ plans: number; priorities: number; audit: number }> {
  const connection = await mongoose.createConnection(uri, { dbName: 'golden-thread' }).asPromise();
  try {
    const count = (name: string) => connection.collection(name).countDocuments();
    return {
      plans: await count('plans'),
      priorities: await count('priorities'),
      audit: await count('audits'),
    };
  } finally {
    await connection.close();
  }
}

describeEmbedded('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gt-start-'));

  test('comes up healthy with the demo plan, survives SIGKILL, and loads the demo only once', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const first = await startAndWait(env);
    expect(await health(port)).toBe(200);
    expect(first.bot.logs.find((l) => l.msg === 'Demo plan loaded')).toMatchObject({
      plan: 'leicester-2003',
    });
    const counts = await countIn(first.uri);
    // Leicester's 37 priorities, and the demo's four invented linked plans with their 7 (plans/demo/).
    expect(counts).toMatchObject({ plans: 5, priorities: 44 });

    // SIGKILL gives the process no chance to clean up: its database must still go with it.
    first.bot.child.kill('SIGKILL');
    await first.bot.exited;
    const second = await startAndWait(env);
    expect(await health(port)).toBe(200);
    expect(second.bot.logs.find((l) => l.msg === 'Demo plan loaded')).toBeUndefined();
    expect(await countIn(second.uri)).toEqual(counts);

    second.bot.child.kill('SIGTERM');
    expect(await second.bot.exited).toBe(0);
  });

  test('a bad setting stops the start with a message naming it', async () => {
    const bot = startBot({ PORT: 'abc', DATA_DIR: dataDir });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join('\n')).toContain('PORT must be a whole number from 1 to 65535 (got "abc")');
  });
});
