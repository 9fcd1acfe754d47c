import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../services/config/config';
import type { Logger } from '../services/log/logger';
import { buildEmbeddedDatabase } from './embedded/build';
import { startEmbeddedDatabase } from './embedded/server';

// Nothing a user typed may act as a query operator, and a misspelt filter field must fail loudly
// rather than match everything.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export const PROJECT_ROOT = path.join(__dirname, '..');
export const DEFAULT_DB_NAME = 'golden-thread';

export interface Database {
  embedded: boolean;
  /** Where the data is, for logs: never includes a password. */
  description: string;
  close(): Promise<void>;
}

/** Connects mongoose to MONGODB_URI, or builds and starts the embedded database and connects to that. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.MONGODB_URI) {
    await connect(config.MONGODB_URI, config.MONGODB_DB);
    const { host, name } = mongoose.connection;
    return { embedded: false, description: `MongoDB ${host}/${name}`, close: () => mongoose.disconnect() };
  }
  const binary = config.FERRETDB_BIN ?? (await buildEmbeddedDatabase(path.join(PROJECT_ROOT, '.cache'), log));
  const server = await startEmbeddedDatabase(binary, path.resolve(PROJECT_ROOT, config.DATA_DIR), log);
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
