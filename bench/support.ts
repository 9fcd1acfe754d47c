import { readFileSync } from 'node:fs';
import os from 'node:os';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Samples this process's resident memory until stopped; returns the peak in MB. */
export function peakMemory(intervalMs = 25): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/** Peak resident memory of another process (Linux VmHWM), in MB. */
export function peakMemoryOf(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Replaces the section between `<!-- name -->` and `<!-- /name -->` in bench/README.md. */
export async function writeSection(name: string, body: string): Promise<void> {
  const file = path.join(__dirname, 'README.md');
  const text = await fs.readFile(file, 'utf8');
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined)
    throw new Error(`bench/README.md has no ${start} … ${end} section`);
  await fs.writeFile(file, `${before}${start}\n${body.trim()}\n${end}${after}`);
}
