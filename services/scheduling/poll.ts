import type { Logger } from '../log/logger';

export interface Poll {
  stop(): Promise<void>;
}

/**
 * Runs `work` now and then `intervalMs` after each run ends — never two runs at once, so a slow
 * run delays the next rather than piling up behind it.
 */
export function poll(what: string, intervalMs: number, work: () => Promise<unknown>, log: Logger): Poll {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = work()
      .catch((error: Error) => log.error({ err: error }, `${what} failed`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
