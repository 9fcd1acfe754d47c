import type { Logger } from '../../services/log/logger';
import { DataFolderInUseError, PortInUseError, startEmbeddedDatabase, type EmbeddedDatabase } from './server';

export interface SuperviseOptions {
  /** Restarts in a row (each within `stableMs` of the last) before giving up. */
  maxRestarts?: number;
  /** The wait before the first restart in a row, in ms; doubled for each next one… */
  firstDelayMs?: number;
  /** …up to this. */
  maxDelayMs?: number;
  /** A database that ran this long (ms) before it stopped counts as a first failure again. */
  stableMs?: number;
}

export const SUPERVISE_DEFAULTS: Required<SuperviseOptions> = {
  maxRestarts: 5,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
  stableMs: 60_000,
};

export interface SupervisedDatabase {
  /** mongodb:// URI of the server; the same after every restart (same port). */
  uri: string;
  /** The current database process. */
  readonly pid: number;
  /**
   * Settles (never rejects) once the database is gone for good: it kept stopping, or its port or
   * data folder was taken by another process. Never settles otherwise, nor after stop().
   */
  failed: Promise<Error>;
  /** Ends supervision first, so a deliberate stop is never taken for a crash, then the process. */
  stop(): Promise<void>;
}

/**
 * Starts the embedded database and keeps it running: when its process ends without stop() (killed,
 * crashed), the process is started again on the same port and data folder, so the driver's own
 * monitoring finds it again at the address it knows. Restarts wait 0.5 s, 1 s, 2 s, 4 s, 8 s
 * (by default); after `maxRestarts` in a row, or at once when the port or the folder has been
 * taken by another process, it gives up and `failed` settles: the caller should exit, for its
 * service manager to start the whole bot afresh.
 *
 * A process is restarted only once it has ended (the 'exit' event: it is gone, and its folder lock
 * with it), never because it is slow or frozen (SIGSTOP): a second server is never started beside
 * a live one — and were it tried, the folder lock would refuse it and this would give up.
 *
 * The first start is not retried: it rejects as startEmbeddedDatabase does (DataFolderInUseError).
 */
export async function superviseEmbeddedDatabase(
  binary: string,
  dataDir: string,
  log: Logger,
  options: SuperviseOptions = {},
): Promise<SupervisedDatabase> {
  const { maxRestarts, firstDelayMs, maxDelayMs, stableMs } = { ...SUPERVISE_DEFAULTS, ...options };
  let current: EmbeddedDatabase = await startEmbeddedDatabase(binary, dataDir, log);
  const { uri, port } = current;
  let since = Date.now();
  let inARow = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<EmbeddedDatabase | undefined> | undefined;
  let giveUp!: (error: Error) => void;
  const failed = new Promise<Error>((resolve) => (giveUp = resolve));

  const fail = (why: string, cause?: unknown) => {
    const error = new Error(`The embedded database could not be restarted: ${why}`, { cause });
    log.error({ err: error, dataDir, port }, 'Embedded database lost: giving up');
    giveUp(error);
  };

  const watch = (db: EmbeddedDatabase) =>
    void db.exited.then(({ code, signal }) => {
      if (stopped) return;
      if (Date.now() - since >= stableMs) inARow = 0;
      const why = `it stopped (code ${code}, signal ${signal})`;
      retry(why, { code, signal, pid: db.pid }, 'Embedded database stopped unexpectedly: restarting');
    });

  const retry = (why: string, details: Record<string, unknown>, message: string) => {
    if (++inARow > maxRestarts) return fail(`${why} after ${maxRestarts} restarts in a row`, details.err);
    const delayMs = Math.min(firstDelayMs * 2 ** (inARow - 1), maxDelayMs);
    log.error({ ...details, restart: inARow, of: maxRestarts, delayMs, port }, message);
    timer = setTimeout(() => void restart(), delayMs);
  };

  const restart = async () => {
    timer = undefined;
    starting = startEmbeddedDatabase(binary, dataDir, log, port).then(
      (db) => db,
      (error: unknown) => {
        if (stopped) return undefined;
        if (error instanceof DataFolderInUseError)
          fail(`another process holds the data folder ${dataDir}`, error);
        else if (error instanceof PortInUseError)
          fail(`another process took its port ${port}, where the driver looks for it`, error);
        else retry('it did not start', { err: error }, 'Embedded database did not restart: trying again');
        return undefined;
      },
    );
    const db = await starting;
    starting = undefined;
    if (!db) return;
    if (stopped) return void (await db.stop());
    current = db;
    since = Date.now();
    log.warn({ pid: db.pid, uri, restart: inARow }, 'Embedded database restarted');
    watch(db);
  };

  watch(current);
  return {
    uri,
    get pid() {
      return current.pid;
    },
    failed,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A restart under way is let finish, then stopped (its stop() waits for the process to end).
      const db = (await starting) ?? current;
      await db.stop();
    },
  };
}
