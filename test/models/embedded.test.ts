import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEmbeddedDatabase, EmbeddedDatabaseError } from '../../models/embedded/build';
import mongoose from 'mongoose';
import { DataFolderInUseError, startEmbeddedDatabase } from '../../models/embedded/server';
import { createLogger } from '../../services/log/logger';

const log = createLogger('silent');
const binary = () => {
  const bin = process.env.TEST_FERRETDB_BIN;
  if (!bin) throw new Error('these tests need the embedded database (unset MONGODB_URI)');
  return bin;
};
const runEmbedded = process.env.MONGODB_URI ? test.skip : test;

test('without Go the build names the two ways out', async () => {
  const path0 = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    const error = await buildEmbeddedDatabase(mkdtempSync(path.join(os.tmpdir(), 'gt-nogo-')), log).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedDatabaseError);
    const message = (error as Error).message;
    const said = ['Go was not found', 'Install Go 1.24 or newer', 'or set MONGODB_URI'].map((s) =>
      message.indexOf(s),
    );
    expect(said.every((at, i) => at >= 0 && at > (said[i - 1] ?? -1))).toBe(true);
  } finally {
    process.env.PATH = path0;
  }
});

runEmbedded(
  'a second database process on the same folder is refused, and the folder frees on stop',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-lock-'));
    const first = await startEmbeddedDatabase(binary(), dir, log);
    const second = await startEmbeddedDatabase(binary(), dir, log).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(EmbeddedDatabaseError);
    expect(second).toBeInstanceOf(DataFolderInUseError);
    expect((second as Error).message).toContain(`The data folder ${dir} is in use by another Golden Thread`);
    await first.stop();
    const third = await startEmbeddedDatabase(binary(), dir, log);
    expect(third.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    await third.stop();
  },
);

runEmbedded(
  'the lock holds for the life of the process: after 20,000 inserts and garbage collection, a second start is refused naming the holder',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-lock-gc-'));
    // GOGC=1 collects garbage after every bit of allocation: the lock file used to be closed by its
    // finalizer (and the lock released) after ~10,000 inserts or about a minute.
    const gogc = process.env.GOGC;
    process.env.GOGC = '1';
    const first = await startEmbeddedDatabase(binary(), dir, log).finally(() => {
      if (gogc === undefined) delete process.env.GOGC;
      else process.env.GOGC = gogc;
    });
    const connection = await mongoose.createConnection(first.uri, { dbName: 'lock' }).asPromise();
    try {
      for (let batch = 0; batch < 4; batch++)
        await connection
          .collection('filler')
          .insertMany(
            Array.from({ length: 5000 }, (_, i) => ({ n: batch * 5000 + i, text: 'x'.repeat(200) })),
          );
      expect(await connection.collection('filler').countDocuments()).toBe(20_000);
      const second = await startEmbeddedDatabase(binary(), dir, log).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DataFolderInUseError);
      expect((second as DataFolderInUseError).holder).toMatchObject({
        pid: first.pid,
        parent: process.pid,
        uri: first.uri,
      });
      expect((second as Error).message).toContain(
        `The data folder ${dir} is in use by another Golden Thread (process ${process.pid}`,
      );
    } finally {
      await connection.close();
      await first.stop();
    }
  },
);
