import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import {
  DataFolderInUseError,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../models/embedded/server';
import { chatClient } from '../support/chat';
import { freePort, freeze, startBot, untilListening, waitFor, type Started } from '../support/processes';
import { startRecordingConnector } from '../support/recording-connector';

// The database dies under a running bot (real processes: the bot, FerretDB, killed with SIGKILL).
// Embedded: the bot restarts it on the same port and carries on, or, when it cannot, exits 1 for
// its service manager to restart it. MONGODB_URI: the driver reconnects once the server is back.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;
const binary = () => process.env.TEST_FERRETDB_BIN ?? '';
const silent = pino({ level: 'silent' });

const bots: Started[] = [];
const others: (EmbeddedDatabase | Server)[] = [];
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
beforeAll(async () => {
  stub = await startRecordingConnector();
});
afterAll(async () => {
  for (const { child } of bots) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  for (const other of others) await ('uri' in other ? other.stop() : new Promise((r) => other.close(r)));
  await stub.close();
});

async function health(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  } catch {
    return undefined;
  }
}

const untilHealth = (port: number, status: number) =>
  waitFor(
    `/healthz to answer ${status}`,
    async () => ((await health(port)) === status ? true : undefined),
    30_000,
  );

/** The bot on a free port, once it listens, with a Teams client talking to it. */
async function start(env: Record<string, string>) {
  const port = await freePort();
  const bot = startBot({ PORT: String(port), HOST: '127.0.0.1', ...env });
  bots.push(bot);
  await untilListening(bot);
  const chat = chatClient({ base: `http://127.0.0.1:${port}`, connector: stub.url, calls: stub.calls });
  return { bot, port, chat };
}

/** The embedded database's process and address, as its lock file names them. */
function holder(dataDir: string): { pid: number; uri: string } {
  return JSON.parse(readFileSync(path.join(dataDir, '.lock'), 'utf8')) as { pid: number; uri: string };
}

/** The bot's exit code, or 'still running' after 30 s. */
async function exitWithin30s(bot: Started): Promise<number | null | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((r) => (timer = setTimeout(r, 30_000, 'still running')));
  try {
    return await Promise.race([bot.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

const said = (bot: Started, msg: string) => bot.logs.filter((l) => l.msg === msg);
const RESTARTED = 'Embedded database restarted';

/** The demo plan's answer to "status of ED.1" (its history puts ED.1/1 at amber). */
const ED1 = ['ED.1', 'GCSE', '▲ Amber'];

async function expectAnswered(chat: ReturnType<typeof chatClient>): Promise<void> {
  const reply = await chat.say('user-id-0', 'status of ED.1');
  for (const fact of ED1) expect(reply).toContain(fact);
}

describeEmbedded('the embedded database dies under the bot', () => {
  test('killed, it is restarted on the same port: /healthz recovers, questions are answered, the data is all there', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gt-outage-'));
    const { bot, port, chat } = await start({ DATA_DIR: dataDir, FERRETDB_BIN: binary() });
    expect(await health(port)).toBe(200);
    await expectAnswered(chat);
    const { uri } = holder(dataDir);
    const data = await mongoose.createConnection(uri, { dbName: 'golden-thread' }).asPromise();
    await data
      .collection('outage-notes')
      .insertOne({ _id: 'before' as never, text: 'written before the kill' });
    await data.close();

    // Killed outright: restarted after 0.5 s.
    const first = holder(dataDir).pid;
    process.kill(first, 'SIGKILL');
    await waitFor('the restart', () => said(bot, RESTARTED)[0], 30_000);
    await untilHealth(port, 200);
    await expectAnswered(chat);

    // Frozen first, so the outage is long enough to see, then killed: restarted after 1 s (the
    // second in a row).
    const second = holder(dataDir).pid;
    expect(second).not.toBe(first);
    process.kill(second, 'SIGSTOP');
    await untilHealth(port, 503);
    process.kill(second, 'SIGKILL');
    await waitFor('the second restart', () => said(bot, RESTARTED)[1], 30_000);
    await untilHealth(port, 200);
    await expectAnswered(chat);

    expect(said(bot, 'Embedded database stopped unexpectedly: restarting')).toEqual([
      expect.objectContaining({ pid: first, signal: 'SIGKILL', restart: 1, delayMs: 500 }),
      expect.objectContaining({ pid: second, signal: 'SIGKILL', restart: 2, delayMs: 1000 }),
    ]);
    expect(holder(dataDir)).toMatchObject({ uri }); // the same port throughout
    const after = await mongoose.createConnection(uri, { dbName: 'golden-thread' }).asPromise();
    try {
      expect(await after.collection('outage-notes').findOne({ _id: 'before' as never })).toMatchObject({
        text: 'written before the kill',
      });
      // The demo's plans whole: Leicester's 37 priorities and the 7 of its linked service, team and
      // objectives plans (plans/demo/).
      expect(await after.collection('priorities').countDocuments()).toBe(44);
    } finally {
      await after.close();
    }
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await exitWithin30s(bot)).toBe(0);
  });

  test.each([
    [
      'its port is taken',
      async (dataDir: string) => {
        const port = Number(new URL(holder(dataDir).uri).port);
        const server = createServer((socket) => socket.destroy());
        await waitFor(
          'the port to be free',
          () =>
            new Promise<true | undefined>((resolve) => {
              server.once('error', () => resolve(undefined));
              server.listen(port, '127.0.0.1', () => resolve(true));
            }),
        );
        others.push(server);
      },
      /another process took its port \d+/,
    ],
    [
      'its data folder is taken by another database',
      async (dataDir: string) => {
        const other = await waitFor('the folder to be free', () =>
          startEmbeddedDatabase(binary(), dataDir, silent).catch((error: unknown) => {
            if (error instanceof DataFolderInUseError) return undefined;
            throw error;
          }),
        );
        others.push(other);
      },
      /another process holds the data folder/,
    ],
  ])('it cannot be restarted (%s): the bot stops and exits 1, saying why', async (_what, takeIt, reason) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gt-outage-'));
    const { bot } = await start({ DATA_DIR: dataDir, FERRETDB_BIN: binary(), DEMO_PLAN: 'never' });
    // The bot is paused while its database is killed and the port or folder taken, so that the
    // taking comes first, whatever the machine's speed.
    await freeze(bot.child.pid as number);
    try {
      process.kill(holder(dataDir).pid, 'SIGKILL');
      await takeIt(dataDir);
    } finally {
      bot.child.kill('SIGCONT');
    }
    expect(await exitWithin30s(bot)).toBe(1);
    const gaveUp = said(bot, 'Embedded database lost: giving up');
    expect(gaveUp).toHaveLength(1);
    expect(JSON.stringify(gaveUp[0]?.err)).toMatch(reason);
    expect(said(bot, 'Stopping: exiting with code 1')).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(reason) }),
    ]);
    expect(said(bot, RESTARTED)).toEqual([]);
  });
});

const describeFerret = process.env.TEST_FERRETDB_BIN ? describe : describe.skip;

describeFerret('MONGODB_URI: the server dies and comes back', () => {
  test('the bot keeps running and the driver reconnects: /healthz recovers and questions are answered', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-outage-uri-'));
    const dbPort = await freePort();
    let server = await startEmbeddedDatabase(binary(), dir, silent, dbPort);
    others.push(server);
    const { bot, port, chat } = await start({
      MONGODB_URI: server.uri,
      MONGODB_DB: 'outage',
      DEMO_PLAN: 'always',
    });
    expect(await health(port)).toBe(200);
    await expectAnswered(chat);

    process.kill(server.pid, 'SIGKILL');
    await server.exited;
    await untilHealth(port, 503);
    server = await startEmbeddedDatabase(binary(), dir, silent, dbPort);
    others.push(server);
    await untilHealth(port, 200);
    await expectAnswered(chat);

    expect(bot.child.exitCode).toBeNull();
    expect(said(bot, 'Golden Thread is running')).toHaveLength(1);
    bot.child.kill('SIGTERM');
    expect(await exitWithin30s(bot)).toBe(0);
  });
});
