import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../../services/log/logger';
import { EmbeddedDatabaseError } from './build';

export interface EmbeddedDatabase {
  /** mongodb:// URI of the running server, without a database name. */
  uri: string;
  /** The database process, for its memory figures in benchmarks. */
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts the embedded FerretDB program on 127.0.0.1 with a port of its own choosing and resolves
 * once it listens. The program exits when our end of its standard input closes, so it never
 * outlives this process, whichever way this process ends.
 */
export function startEmbeddedDatabase(
  binary: string,
  dataDir: string,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const child = spawn(binary, ['-dir', dir, '-listen', '127.0.0.1:0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
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
      reject(new EmbeddedDatabaseError(`The embedded database did not start: ${why}\n${stderr.join('\n')}`));
    };
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code) => fail(`it exited with code ${code}`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)$/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.on('exit', (code, signal) => log.warn({ code, signal }, 'Embedded database stopped'));
      log.info({ uri: match[1], dataDir: dir }, 'Embedded database listening');
      resolve({ uri: match[1], pid: child.pid ?? 0, stop: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.stdin?.end();
  });
}
