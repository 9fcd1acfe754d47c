import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../models/embedded/server';
import {
  superviseEmbeddedDatabase,
  type SupervisedDatabase,
  type SuperviseOptions,
} from '../../models/embedded/supervise';
import { waitFor } from '../support/processes';

// The embedded database's supervisor, with real FerretDB processes killed, frozen and crowded out.
const describeEmbedded = process.env.MONGODB_URI ? describe.skip : describe;
const binary = () => process.env.TEST_FERRETDB_BIN ?? '';

interface Run {
  db: SupervisedDatabase;
  dir: string;
  logs: Record<string, unknown>[];
  /** The log lines with this message. */
  said(msg: string): Record<string, unknown>[];
}

const runs: Run[] = [];
const others: (EmbeddedDatabase | Server)[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (alive(run.db.pid)) process.kill(run.db.pid, 'SIGCONT');
    await run.db.stop();
  }
  for (const other of others.splice(0))
    await ('uri' in other ? other.stop() : new Promise((r) => other.close(r)));
});

async function supervise(options: SuperviseOptions): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-supervise-'));
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const db = await superviseEmbeddedDatabase(binary(), dir, log, options);
  const run = { db, dir, logs, said: (msg: string) => logs.filter((l) => l.msg === msg) };
  runs.push(run);
  return run;
}

const RESTARTING = 'Embedded database stopped unexpectedly: restarting';
const RESTARTED = 'Embedded database restarted';
const GIVING_UP = 'Embedded database lost: giving up';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The database process named in the folder's lock file. */
function holder(dir: string): number {
  return (JSON.parse(readFileSync(path.join(dir, '.lock'), 'utf8')) as { pid: number }).pid;
}

/** Kills the current database process and resolves once it has been restarted. */
async function killAndWaitForRestart(run: Run): Promise<number> {
  const before = run.said(RESTARTED).length;
  const pid = run.db.pid;
  process.kill(pid, 'SIGKILL');
  await waitFor('the restart', () => (run.said(RESTARTED).length > before ? true : undefined), 30_000);
  expect(run.db.pid).not.toBe(pid);
  return run.db.pid;
}

/** Resolves with what `promise` gave, or 'not yet' after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'not yet'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<'not yet'>((r) => (timer = setTimeout(r, ms, 'not yet'))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describeEmbedded('the embedded database under supervision', () => {
  test('killed, it is restarted on the same port with its data, and the same connection carries on', async () => {
    const run = await supervise({ firstDelayMs: 200 });
    const connection = await mongoose
      .createConnection(run.db.uri, { dbName: 'supervise', serverSelectionTimeoutMS: 30_000 })
      .asPromise();
    try {
      await connection
        .collection('notes')
        .insertOne({ _id: 'before' as never, text: 'written before the kill' });
      const first = run.db.pid;
      const second = await killAndWaitForRestart(run);
      expect(run.said(RESTARTING)).toEqual([
        expect.objectContaining({ signal: 'SIGKILL', pid: first, restart: 1, of: 5, delayMs: 200 }),
      ]);
      expect(run.said(RESTARTED)).toEqual([expect.objectContaining({ pid: second, uri: run.db.uri })]);
      expect(run.said('Embedded database listening').map((l) => l.uri)).toEqual([run.db.uri, run.db.uri]);
      expect(holder(run.dir)).toBe(second);
      expect(alive(first)).toBe(false);
      // The driver finds the server again where it was: no new URI, no new connection.
      expect(await connection.collection('notes').findOne({ _id: 'before' as never })).toMatchObject({
        text: 'written before the kill',
      });
    } finally {
      await connection.close();
    }
  });

  test('stopping again and again, it is given up after maxRestarts restarts in a row, each wait doubled', async () => {
    const run = await supervise({ firstDelayMs: 100, maxRestarts: 3 });
    await killAndWaitForRestart(run);
    await killAndWaitForRestart(run);
    await killAndWaitForRestart(run);
    const last = run.db.pid;
    process.kill(last, 'SIGKILL');
    const error = await within(run.db.failed, 30_000);
    expect(String(error)).toContain(
      'The embedded database could not be restarted: it stopped (code null, signal SIGKILL) after 3 restarts in a row',
    );
    expect(run.said(RESTARTING).map((l) => l.delayMs)).toEqual([100, 200, 400]);
    expect(run.said(GIVING_UP)).toHaveLength(1);
    // Nothing is left running: the folder is free for the next start.
    await waitFor('the last process to end', () => (alive(last) ? undefined : true), 5_000);
    others.push(await startEmbeddedDatabase(binary(), run.dir, pino({ level: 'silent' })));
  });

  test('a run longer than stableMs starts the count again', async () => {
    const run = await supervise({ firstDelayMs: 100, maxRestarts: 1, stableMs: 1_000 });
    await killAndWaitForRestart(run);
    await new Promise((r) => setTimeout(r, 1_500));
    await killAndWaitForRestart(run);
    expect(run.said(RESTARTING).map((l) => l.restart)).toEqual([1, 1]);
    // Straight after a restart it counts: the second in a row is one too many.
    process.kill(run.db.pid, 'SIGKILL');
    expect(String(await within(run.db.failed, 30_000))).toContain('after 1 restarts in a row');
  });

  test.each([
    [
      'its port is taken by another process',
      async (run: Run) => {
        const port = Number(new URL(run.db.uri).port);
        const server = createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
        others.push(server);
      },
      /another process took its port \d+, where the driver looks for it/,
    ],
    [
      'its folder is taken by another database',
      async (run: Run) => {
        others.push(await startEmbeddedDatabase(binary(), run.dir, pino({ level: 'silent' })));
      },
      /another process holds the data folder/,
    ],
  ])('while it is down, %s: given up at once', async (_what, takeIt, reason) => {
    // The first restart waits 3 s: time for this test to take the port or the folder first.
    const run = await supervise({ firstDelayMs: 3_000 });
    process.kill(run.db.pid, 'SIGKILL');
    await waitFor('the restart to be planned', () => run.said(RESTARTING)[0], 10_000);
    await takeIt(run);
    expect(String(await within(run.db.failed, 30_000))).toMatch(reason);
    expect(run.said(RESTARTING)).toHaveLength(1);
    expect(run.said(GIVING_UP)).toHaveLength(1);
  });

  test('frozen (SIGSTOP) is not ended, so not restarted: no second server beside a slow one', async () => {
    const run = await supervise({ firstDelayMs: 100 });
    const pid = run.db.pid;
    process.kill(pid, 'SIGSTOP');
    try {
      await new Promise((r) => setTimeout(r, 2_000)); // twenty times the first restart's wait
      expect(run.said(RESTARTING)).toEqual([]);
      expect(run.db.pid).toBe(pid);
      expect(holder(run.dir)).toBe(pid);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const connection = await mongoose.createConnection(run.db.uri, { dbName: 'supervise' }).asPromise();
    expect(await connection.db!.admin().ping()).toMatchObject({ ok: 1 });
    await connection.close();
    expect(run.said(RESTARTING)).toEqual([]);
  });

  test('stop() is never taken for a crash, nor is a restart made once stop() was called during its wait', async () => {
    const run = await supervise({ firstDelayMs: 100 });
    const pid = run.db.pid;
    await run.db.stop();
    expect(alive(pid)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(run.said(RESTARTING)).toEqual([]);

    const waiting = await supervise({ firstDelayMs: 1_000 });
    process.kill(waiting.db.pid, 'SIGKILL');
    await waitFor('the restart to be planned', () => waiting.said(RESTARTING)[0], 10_000);
    await waiting.db.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(waiting.said('Embedded database listening')).toHaveLength(1);
    // Both folders are free.
    for (const dir of [run.dir, waiting.dir])
      others.push(await startEmbeddedDatabase(binary(), dir, pino({ level: 'silent' })));
  });
});
