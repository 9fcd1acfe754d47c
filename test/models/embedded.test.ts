import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEmbeddedDatabase, EmbeddedDatabaseError } from '../../models/embedded/build';
import { startEmbeddedDatabase } from '../../models/embedded/server';
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
    expect((error as Error).message).toMatch(
      /Go was not found.*Install Go 1\.24 or newer.*or set MONGODB_URI/s,
    );
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
    expect((second as Error).message).toContain('is in use by another embedded database process');
    await first.stop();
    const third = await startEmbeddedDatabase(binary(), dir, log);
    expect(third.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    await third.stop();
  },
);
