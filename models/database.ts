import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../services/config/config';
import type { Logger } from '../services/log/logger';
import { buildEmbeddedDatabase } from './embedded/build';
import { DataFolderInUseError, startEmbeddedDatabase } from './embedded/server';
import { projectRoot } from './project-root';

// Nothing a user typed may act as a query operator, and a misspelt filter field must fail loudly
// rather than match everything.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export const PROJECT_ROOT = projectRoot();
export const DEFAULT_DB_NAME = 'golden-thread';

export interface Database {
  embedded: boolean;
  /** Where the data is, for logs: never includes a password. */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * What to do when another process already runs the embedded database on DATA_DIR: `share` its
   * server (the command-line tools, so `npm run plan` works beside a running bot) or `refuse`
   * (the bot: two bots on one folder would both send every reminder). Never a second server.
   */
  whenInUse?: 'share' | 'refuse';
}

/**
 * Connects mongoose to MONGODB_URI, or builds and starts the embedded database and connects to that.
 * Throws DataFolderInUseError (refuse) when DATA_DIR is held by another process.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  { whenInUse = 'share' }: OpenOptions = {},
): Promise<Database> {
  if (config.MONGODB_URI) {
    await connect(config.MONGODB_URI, config.MONGODB_DB);
    const { host, name } = mongoose.connection;
    return { embedded: false, description: `MongoDB ${host}/${name}`, close: () => mongoose.disconnect() };
  }
  const binary = config.FERRETDB_BIN ?? (await buildEmbeddedDatabase(path.join(PROJECT_ROOT, '.cache'), log));
  const dataDir = path.resolve(PROJECT_ROOT, config.DATA_DIR);
  let server;
  try {
    server = await startEmbeddedDatabase(binary, dataDir, log);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError) || whenInUse === 'refuse' || !error.holder) throw error;
    await connect(error.holder.uri, config.MONGODB_DB ?? DEFAULT_DB_NAME);
    log.info({ dataDir, holder: error.holder.parent }, 'Using the embedded database of the running bot');
    return {
      embedded: true,
      description: `embedded FerretDB in ${config.DATA_DIR}, run by process ${error.holder.parent}`,
      close: () => mongoose.disconnect(),
    };
  }
  try {
    await connect(server.uri, config.MONGODB_DB ?? DEFAULT_DB_NAME);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    embedded: true,
    description: `embedded FerretDB in ${config.DATA_DIR}`,
    close: async () => {
      await mongoose.disconnect();
      await server.stop();
    },
  };
}

/** Connects the shared mongoose instance and makes sure every model's indexes exist. */
export async function connect(uri: string, dbName?: string): Promise<void> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000 });
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
}

/** True when the database answers a ping within the driver's timeout. */
export async function databaseReachable(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (!db || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return false;
    await db.admin().ping();
    return true;
  } catch {
    return false;
  }
}
