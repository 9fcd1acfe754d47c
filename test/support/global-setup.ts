import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEmbeddedDatabase } from '../../models/embedded/build';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../models/embedded/server';
import { createLogger } from '../../services/log/logger';

declare global {
  var __EMBEDDED_DB__: { server: EmbeddedDatabase; dir: string } | undefined;
}

/**
 * One real database for the whole run: MONGODB_URI when given, otherwise the embedded FerretDB in a
 * temporary folder. Test files connect in their own process, each to a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const log = createLogger('warn');
  const binary = await buildEmbeddedDatabase(path.join(__dirname, '..', '..', '.cache'), log);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-test-db-'));
  const server = await startEmbeddedDatabase(binary, dir, log);
  process.env.TEST_MONGODB_URI = server.uri;
  process.env.TEST_FERRETDB_BIN = binary;
  globalThis.__EMBEDDED_DB__ = { server, dir };
}
