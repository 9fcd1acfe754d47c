import { ConfigError, listenHost, loadConfig } from '../../../services/config/config';

test('defaults need no environment at all', () => {
  expect(loadConfig({})).toMatchObject({
    PORT: 3978,
    DATA_DIR: '.data',
    DEMO_PLAN: 'auto',
    LOG_LEVEL: 'info',
    PLAN_IMPORT_MAX_MB: 20,
  });
  expect(loadConfig({}).MONGODB_URI).toBeUndefined();
});

test('empty values count as unset, as a blank .env template leaves them', () => {
  const config = loadConfig({ PORT: '', MONGODB_URI: '' });
  expect(config.PORT).toBe(3978);
  expect(config.MONGODB_URI).toBeUndefined();
});

test('every bad value is named with what was given and what is expected', () => {
  let error: unknown;
  try {
    loadConfig({ PORT: 'abc', MONGODB_URI: 'postgres://x', DEMO_PLAN: 'sometimes', PLAN_IMPORT_MAX_MB: '0' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    'PORT must be a whole number from 1 to 65535 (got "abc")',
    'MONGODB_URI must start with mongodb:// or mongodb+srv:// (got "postgres://x")',
    'DEMO_PLAN must be one of: auto, always, never (got "sometimes")',
    'PLAN_IMPORT_MAX_MB must be a whole number from 1 to 500 (got "0")',
  ]);
});

test('local mode listens on this machine only unless HOST says otherwise; authenticated, on every interface', () => {
  expect(listenHost(loadConfig({}))).toBe('127.0.0.1');
  expect(listenHost(loadConfig({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
  expect(listenHost(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }))).toBe('0.0.0.0');
  expect(
    listenHost(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', HOST: '10.0.0.5' })),
  ).toBe('10.0.0.5');
});
