import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../services/config/config';
import type { Logger } from '../services/log/logger';
import { buildEmbeddedDatabase } from './embedded/build';
import { DataFolderInUseError } from './embedded/server';
import { superviseEmbeddedDatabase } from './embedded/supervise';
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
  /**
   * Settles once the database is gone for good and the process should exit: the embedded database
   * this process runs kept stopping and could not be restarted (models/embedded/supervise.ts).
   * Never settles for MONGODB_URI (the driver reconnects by itself) or a shared embedded database.
   */
  failed: Promise<Error>;
  close(): Promise<void>;
}

/** A promise that never settles: nothing here can fail for good. */
const NEVER = new Promise<Error>(() => undefined);

export interface OpenOptions {
  /**
   * What to do when another process already runs the embedded database on DATA_DIR: `share` its
   * server (the command-line tools, so `npm run plan` works beside a running bot) or `refuse`
   * (the bot: two bots on one folder would both send every reminder). Never a second server.
   */
  whenInUse?: 'share' | 'refuse';
  /**
   * The bot's bound on one database operation, in ms (DATABASE_TIMEOUT_MS): a frozen or vanished
   * database then fails a request in this time instead of holding it. Unset (command-line tools,
   * which import large plans): the driver's defaults.
   */
  operationTimeoutMs?: number;
}

/**
 * Connects mongoose to MONGODB_URI, or builds and starts the embedded database and connects to that.
 * Throws DataFolderInUseError (refuse) when DATA_DIR is held by another process.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  { whenInUse = 'share', operationTimeoutMs }: OpenOptions = {},
): Promise<Database> {
  const connect = (uri: string, dbName: string | undefined) => connectTo(uri, dbName, operationTimeoutMs);
  if (config.MONGODB_URI) {
    await connect(config.MONGODB_URI, config.MONGODB_DB);
    const { host, name } = mongoose.connection;
    return {
      embedded: false,
      description: `MongoDB ${host}/${name}`,
      failed: NEVER,
      close: () => mongoose.disconnect(),
    };
  }
  const binary = config.FERRETDB_BIN ?? (await buildEmbeddedDatabase(path.join(PROJECT_ROOT, '.cache'), log));
  const dataDir = path.resolve(PROJECT_ROOT, config.DATA_DIR);
  let server;
  try {
    server = await superviseEmbeddedDatabase(binary, dataDir, log);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError) || whenInUse === 'refuse' || !error.holder) throw error;
    await connect(error.holder.uri, config.MONGODB_DB ?? DEFAULT_DB_NAME);
    log.info({ dataDir, holder: error.holder.parent }, 'Using the embedded database of the running bot');
    return {
      embedded: true,
      description: `embedded FerretDB in ${config.DATA_DIR}, run by process ${error.holder.parent}`,
      failed: NEVER,
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
    failed: server.failed,
    close: async () => {
      await mongoose.disconnect();
      await server.stop();
    },
  };
}

/** Connects the shared mongoose instance and makes sure every model's indexes exist. */
export async function connect(uri: string, dbName?: string): Promise<void> {
  await connectTo(uri, dbName);
}

/**
 * As connect, with every operation bounded by `timeoutMs` (ms). The driver of this version has no
 * whole-operation timeout (its `timeoutMS` is deprecated and does nothing), so the bound is made of
 * its parts: finding the server, waiting for a pooled connection, and a silent socket — half the
 * budget each for a read and its one automatic retry.
 */
async function connectTo(uri: string, dbName: string | undefined, timeoutMs?: number): Promise<void> {
  const bounded =
    timeoutMs === undefined
      ? {}
      : {
          socketTimeoutMS: Math.ceil(timeoutMs / 2),
          waitQueueTimeoutMS: timeoutMs,
          serverSelectionTimeoutMS: Math.min(Math.ceil(timeoutMs / 2), 5000),
        };
  // Commands issued while mongoose is reconnecting wait in its buffer: no longer than the bound.
  if (timeoutMs !== undefined) mongoose.set('bufferTimeoutMS', timeoutMs);
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000, ...bounded });
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
}

/** How long /healthz waits for the database's answer (ms): a probe must answer promptly. */
export const HEALTH_PING_TIMEOUT_MS = 800;

/**
 * True when the database answers a ping within `timeoutMs` (ms). A frozen database never answers,
 * and the driver would wait for the socket timeout, so the wait is raced against a timer.
 */
export async function databaseReachable(timeoutMs = HEALTH_PING_TIMEOUT_MS): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db
    .admin()
    .ping()
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'WaitQueueTimeoutError',
]);

/**
 * True for an error that means the database could not be reached or did not answer in time (as
 * opposed to one it gave on purpose, such as a duplicate key): the request may be tried again.
 * Mongoose's "buffering timed out" (a command issued while disconnected) counts as one.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (UNAVAILABLE.has(e.name) || UNAVAILABLE.has(e.constructor.name)) return true;
    if (e.name === 'MongooseError' && /buffering timed out/.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}
