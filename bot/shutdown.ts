import type { Server } from 'node:http';
import type { Logger } from '../services/log/logger';

/** What a stop must end within; a supervisor (systemd, Kubernetes) kills at 10 s by default. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

export interface ShutdownSteps {
  /** Stop taking new work: new connections, new jobs, new sends. */
  stopWork(): Promise<void>;
  /** Close what holds data: the database (and the embedded database process). */
  closeData(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT: stops taking new work, lets what is in flight finish, closes the database
 * and exits 0 — or exits 1 at the deadline, whatever is still running. A second signal while
 * stopping is ignored (Ctrl-C twice must not skip closing the database).
 *
 * Returns a function that stops the same way for a reason of the bot's own (the database is gone
 * for good) and exits 1, for the service manager to start the bot again.
 */
export function stopOnSignals(steps: ShutdownSteps, log: Logger): (reason: string) => void {
  let stopping = false;
  const stop = async (why: { signal: NodeJS.Signals } | { reason: string }, exitCode: 0 | 1) => {
    if (stopping) return;
    stopping = true;
    if ('signal' in why) log.info(why, 'Stopping');
    else log.error(why, 'Stopping: exiting with code 1');
    const deadline = setTimeout(() => {
      log.error({ ms: SHUTDOWN_DEADLINE_MS }, 'Stopping took too long: exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await steps.stopWork();
      await steps.closeData();
      log.info('Stopped');
      process.exit(exitCode);
    } catch (error) {
      log.error({ err: error }, 'Stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop({ signal: 'SIGINT' }, 0));
  process.on('SIGTERM', () => void stop({ signal: 'SIGTERM' }, 0));
  return (reason) => void stop({ reason }, 1);
}

/**
 * Closes an HTTP server: no new connections, idle keep-alive ones closed now, requests in flight
 * allowed `graceMs` to finish before their connections are cut.
 */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
