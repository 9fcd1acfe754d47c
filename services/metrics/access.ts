import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/config';

/** Who may read /metrics: nobody (404), anyone who can reach the port, or holders of the token. */
export type MetricsAccess = { mode: 'off' } | { mode: 'open' } | { mode: 'token'; token: string };

/**
 * Off unless asked for: `METRICS=on`, or a `METRICS_TOKEN` (which turns it on behind the token).
 * `METRICS=off` wins over a token, so metrics can be switched off without removing the secret.
 */
export function metricsAccess(config: Pick<Config, 'METRICS' | 'METRICS_TOKEN'>): MetricsAccess {
  if (config.METRICS === 'off') return { mode: 'off' };
  if (config.METRICS_TOKEN) return { mode: 'token', token: config.METRICS_TOKEN };
  return config.METRICS === 'on' ? { mode: 'open' } : { mode: 'off' };
}

/** The one start-up line saying whether /metrics is served, and to whom. */
export function accessNotice(access: MetricsAccess): { level: 'info' | 'warn'; message: string } {
  switch (access.mode) {
    case 'off':
      return {
        level: 'info',
        message: 'Metrics are off: set METRICS_TOKEN (or METRICS=on) to serve /metrics',
      };
    case 'token':
      return { level: 'info', message: 'Metrics are on at /metrics, for requests bearing METRICS_TOKEN' };
    case 'open':
      return {
        level: 'warn',
        message:
          'Metrics are on at /metrics with no token: anyone who can reach this port can read them. ' +
          'Serve them only on localhost or behind a firewall, or set METRICS_TOKEN',
      };
  }
}

/**
 * True when an Authorization header is `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or the first wrong character.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}
