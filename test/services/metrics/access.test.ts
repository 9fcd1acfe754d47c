import { ConfigError, loadConfig } from '../../../services/config/config';
import { accessNotice, bearerMatches, metricsAccess } from '../../../services/metrics/access';

const TOKEN = 'a-long-enough-token-1234';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test('a bad METRICS value or a short token stops the start with a clear message, the token not echoed', () => {
  expect(problems({ METRICS: 'yes' })).toEqual(['METRICS must be one of: off, on (got "yes")']);
  expect(problems({ METRICS_TOKEN: 'short-secret' })).toEqual([
    'METRICS_TOKEN must be at least 16 characters',
  ]);
  expect(problems({ METRICS_TOKEN: 'has a space in the middle' })).toEqual([
    'METRICS_TOKEN may not contain spaces',
  ]);
  expect(problems({ METRICS: 'on', METRICS_TOKEN: TOKEN })).toEqual([]);
});

test('off unless METRICS=on or a token; METRICS=off wins over a token', () => {
  const access = (env: Record<string, string>) => metricsAccess(loadConfig(env));
  expect(access({})).toEqual({ mode: 'off' });
  expect(access({ METRICS: 'on' })).toEqual({ mode: 'open' });
  expect(access({ METRICS_TOKEN: TOKEN })).toEqual({ mode: 'token', token: TOKEN });
  expect(access({ METRICS: 'on', METRICS_TOKEN: TOKEN })).toEqual({ mode: 'token', token: TOKEN });
  expect(access({ METRICS: 'off', METRICS_TOKEN: TOKEN })).toEqual({ mode: 'off' });
});

test('the start-up line warns when metrics are open to anyone who can reach the port', () => {
  expect(accessNotice({ mode: 'off' }).level).toBe('info');
  expect(accessNotice({ mode: 'token', token: TOKEN })).toMatchObject({ level: 'info' });
  expect(accessNotice({ mode: 'token', token: TOKEN }).message).not.toContain(TOKEN);
  expect(accessNotice({ mode: 'open' })).toMatchObject({ level: 'warn' });
  expect(accessNotice({ mode: 'open' }).message).toMatch(/localhost or behind a firewall/);
});

test('only "Bearer <the token>" matches', () => {
  expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  expect(bearerMatches(`bearer  ${TOKEN} `, TOKEN)).toBe(true);
  for (const header of [
    undefined,
    '',
    TOKEN,
    'Bearer',
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.slice(1)}`,
    `Bearer ${TOKEN} extra`,
    `Basic ${TOKEN}`,
  ])
    expect(bearerMatches(header, TOKEN)).toBe(false);
});
