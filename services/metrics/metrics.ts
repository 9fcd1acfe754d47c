import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Outcome } from '../delivery/dispatcher';
import type { Platform } from '../delivery/sender';
import type { Logger } from '../log/logger';

export interface MetricsOptions {
  log: Logger;
  /** Asked at each scrape, with a deadline of `pingTimeoutMs`. */
  databaseReachable(): Promise<boolean>;
  /** Pending deliveries per platform, or undefined when not known yet (see outbox-depth.ts). */
  outboxDepth(): Promise<Partial<Record<Platform, number>> | undefined>;
  pingTimeoutMs?: number;
}

const PLATFORMS: Platform[] = ['teams', 'slack'];

/**
 * The bot's Prometheus metrics, on a registry of its own (not prom-client's global one), so two
 * apps in one process — tests, benchmarks — never collide. Recording never throws: a metric that
 * cannot be recorded is logged once and the bot carries on.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly turns: Counter<'channel' | 'intent'>;
  private readonly deliveries: Counter<'platform' | 'outcome'>;
  private readonly throttles: Counter<'platform'>;
  private readonly lag: Histogram<'kind'>;
  private readonly complained = new Set<string>();

  constructor(private readonly options: MetricsOptions) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'golden_thread_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the raw URL) and status class; _count counts them.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.turns = new Counter({
      name: 'golden_thread_turns_total',
      help: 'Chat turns (questions and commands typed to the bot) by channel and understood intent.',
      labelNames: ['channel', 'intent'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'golden_thread_outbox_deliveries_total',
      help: 'Outbox send attempts by platform and outcome (sent, retrying, failed, cancelled, skipped, released).',
      labelNames: ['platform', 'outcome'],
      registers,
    });
    this.throttles = new Counter({
      name: 'golden_thread_outbox_throttled_total',
      help: 'Sends a platform refused with 429 (each also counted as retrying); the platform is paused.',
      labelNames: ['platform'],
      registers,
    });
    this.lag = new Histogram({
      name: 'golden_thread_scheduler_lag_seconds',
      help: 'How late each due job (request, reminder, escalation, broadcast) ran after its time, by kind.',
      labelNames: ['kind'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600],
      registers,
    });
    // prom-client calls collect() with the gauge as `this`; these reach back to the Metrics.
    const depth = () =>
      options.outboxDepth().catch((error: Error) => {
        this.complain('golden_thread_outbox_pending', error);
        return undefined;
      });
    const ping = () => this.ping();
    new Gauge({
      name: 'golden_thread_outbox_pending',
      help: 'Deliveries waiting in the outbox, by platform; counted at most every 30 s (see README).',
      labelNames: ['platform'],
      registers,
      async collect() {
        this.reset();
        const pending = await depth();
        if (pending) for (const platform of PLATFORMS) this.set({ platform }, pending[platform] ?? 0);
      },
    });
    new Gauge({
      name: 'golden_thread_database_up',
      help: '1 when the database answered a ping at this scrape, 0 when it did not in time.',
      registers,
      async collect() {
        this.set((await ping()) ? 1 : 0);
      },
    });
  }

  /** One finished HTTP request; `route` is the route's pattern, or "unmatched". */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.safely('golden_thread_http_request_duration_seconds', () =>
      this.http.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds),
    );
  }

  turn(channel: Platform, intent: string): void {
    this.safely('golden_thread_turns_total', () => this.turns.inc({ channel, intent }));
  }

  /** What became of one attempt at a delivery. */
  outcome(platform: Platform, outcome: Outcome): void {
    this.safely('golden_thread_outbox_deliveries_total', () => this.deliveries.inc({ platform, outcome }));
  }

  /** A 429 from the platform. */
  throttled(platform: Platform): void {
    this.safely('golden_thread_outbox_throttled_total', () => this.throttles.inc({ platform }));
  }

  jobRan(kind: string, lagSeconds: number): void {
    this.safely('golden_thread_scheduler_lag_seconds', () =>
      this.lag.observe({ kind }, Math.max(0, lagSeconds)),
    );
  }

  /** The Prometheus text exposition of everything above, with prom-client's process metrics. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.pingTimeoutMs ?? 1000);
    });
    try {
      return await Promise.race([this.options.databaseReachable().catch(() => false), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private safely(name: string, record: () => void): void {
    try {
      record();
    } catch (error) {
      this.complain(name, error as Error);
    }
  }

  /** Logged once per metric: a broken metric must not flood the log on every request. */
  private complain(name: string, error: Error): void {
    if (this.complained.has(name)) return;
    this.complained.add(name);
    this.options.log.warn({ err: error, metric: name }, 'Metric not recorded');
  }
}
