import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Logger } from '../../services/log/logger';
import { EmbeddedDatabaseError } from './build';

export interface EmbeddedDatabase {
  /** mongodb:// URI of the running server, without a database name. */
  uri: string;
  /** The database process, for its memory figures in benchmarks. */
  pid: number;
  /** The TCP port it listens on (127.0.0.1). */
  port: number;
  /** Settles when the process has ended, whether through stop() or not. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
/** The embedded program's exit code when another process holds the data folder (main.go). */
const LOCKED_EXIT_CODE = 3;

/** Who holds a data folder: what the holding database wrote into its `.lock` once it listened. */
const lockHolderSchema = z.object({
  /** The database process. */
  pid: z.number().int(),
  /** The process that started it: the bot, or a command-line tool. */
  parent: z.number().int(),
  uri: z.string().startsWith('mongodb://'),
  /** ISO 8601, UTC. */
  since: z.string(),
});
export type LockHolder = z.infer<typeof lockHolderSchema>;

/** Another embedded database runs on the folder; `holder` is undefined if it has not said who it is yet. */
export class DataFolderInUseError extends EmbeddedDatabaseError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Golden Thread` +
        (holder
          ? ` (process ${holder.parent}, its database process ${holder.pid}, since ${holder.since})`
          : '') +
        '. Stop that one first, or set DATA_DIR to another folder.',
    );
  }
}

/** The port asked for is taken by another process (the database could not listen on it). */
export class PortInUseError extends EmbeddedDatabaseError {}

/**
 * Starts the embedded FerretDB program on 127.0.0.1 and resolves once it listens: on `port`, or on
 * a port of its own choosing when that is 0. The program exits when our end of its standard input
 * closes, so it never outlives this process, whichever way this process ends.
 * Rejects with DataFolderInUseError when another process holds the folder, PortInUseError when
 * the port is taken.
 */
export function startEmbeddedDatabase(
  binary: string,
  dataDir: string,
  log: Logger,
  port = 0,
): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const child = spawn(binary, ['-dir', dir, '-listen', `127.0.0.1:${port}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  let holder: LockHolder | undefined;
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('LOCKED ')) holder = parseHolder(line.slice('LOCKED '.length));
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
    log.debug({ ferretdb: line }, 'embedded database');
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`it did not report ready within ${READY_TIMEOUT_MS / 1000} s`),
      READY_TIMEOUT_MS,
    );
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      child.stdin.destroy();
      const message = `The embedded database did not start: ${why}\n${stderr.join('\n')}`;
      reject(
        stderr.some((line) => line.includes('address already in use'))
          ? new PortInUseError(message)
          : new EmbeddedDatabaseError(message),
      );
    };
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code) => {
      if (code !== LOCKED_EXIT_CODE) return fail(`it exited with code ${code}`);
      clearTimeout(timer);
      // stderr may still hold the LOCKED line when the exit arrives: read it to the end first
      // ('close' waits for every stdio stream, our end of stdin included).
      child.once('close', () => reject(new DataFolderInUseError(dir, holder)));
      child.stdin.destroy();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)$/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((settle) =>
        child.once('exit', (code, signal) => {
          child.stdin.destroy();
          settle({ code, signal });
        }),
      );
      const uri = match[1];
      log.info({ uri, dataDir: dir }, 'Embedded database listening');
      resolve({ uri, pid: child.pid ?? 0, port: Number(new URL(uri).port), exited, stop: () => stop(child) });
    });
  });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    return lockHolderSchema.parse(JSON.parse(text));
  } catch {
    return undefined; // an empty lock file: the holder is starting and has not written it yet
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.stdin?.end();
  });
}
