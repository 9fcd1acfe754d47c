import type { AddressInfo } from 'node:net';
import { createServer } from '../../bot/server';
import { createLogger } from '../../services/log/logger';

async function statusWith(
  reachable: boolean,
  authentication: 'on' | 'local' = 'on',
): Promise<{ status: number; body: unknown }> {
  const server = createServer({
    log: createLogger('silent'),
    databaseReachable: async () => reachable,
    authentication,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

test('/healthz answers 200 when the database is reachable and 503 when not', async () => {
  expect(await statusWith(true)).toEqual({
    status: 200,
    body: { status: 'ok', database: 'reachable', teamsAuthentication: 'on' },
  });
  expect(await statusWith(false)).toEqual({
    status: 503,
    body: { status: 'unavailable', database: 'unreachable', teamsAuthentication: 'on' },
  });
});

test('/healthz says when Teams requests are not authenticated (local mode)', async () => {
  expect((await statusWith(true, 'local')).body).toMatchObject({ teamsAuthentication: 'off (local mode)' });
});
