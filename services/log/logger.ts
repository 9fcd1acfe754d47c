import pino from 'pino';

export type Logger = pino.Logger;

/** One JSON logger for the process; tests pass level 'silent' or a child of their own. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'golden-thread' } });
}
