import cliProgress from 'cli-progress';
import type { Progress } from '../plan/import';

/** A progress bar per phase on a terminal; nothing when output is piped (CI, logs). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: Progress;
  stop(): void;
} {
  if (!stream.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onProgress(phase, done, total) {
      if (total < 2000) return; // short runs finish before a bar is worth drawing
      if (phase !== current) {
        stop();
        current = phase;
        bar = new cliProgress.SingleBar(
          { format: `${phase.padEnd(10)} {bar} {value}/{total}`, stream },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar?.update(done);
    },
    stop,
  };
}
