import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorFactory,
  type ConnectorClient,
} from 'botframework-connector';
import { createTeamsAdapter } from '../../../bot/teams/adapter';
import { ConnectorClients } from '../../../bot/teams/connector-clients';
import { teamsSender } from '../../../bot/teams/sender';
import { loadConfig } from '../../../services/config/config';
import { SendError } from '../../../services/delivery/sender';
import { createLogger } from '../../../services/log/logger';

/** A factory that counts what it makes; each "client" is a distinct object naming its URL and audience. */
class CountingFactory extends ConnectorFactory {
  made: string[] = [];
  failNext = false;
  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made.push(serviceUrl);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('no credentials'));
    }
    return Promise.resolve({ serviceUrl, audience } as unknown as ConnectorClient);
  }
}

const claims = (appId: string) =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

test('one connector client per app id, service URL and audience, made once', async () => {
  const clients = new ConnectorClients();
  const inner = new CountingFactory();
  const a = await clients.reusing(inner, claims('app')).create('https://smba.example/emea/', 'aud');
  // Another turn: a new factory from the SDK for the same claims.
  const again = await clients
    .reusing(new CountingFactory(), claims('app'))
    .create('https://smba.example/emea/', 'aud');
  expect(again).toBe(a);
  expect(inner.made).toEqual(['https://smba.example/emea/']);
  const other = clients.reusing(inner, claims('app'));
  expect(await other.create('https://smba.example/amer/', 'aud')).not.toBe(a);
  expect(await other.create('https://smba.example/emea/', 'another')).not.toBe(a);
  expect(
    await clients.reusing(inner, claims('other-app')).create('https://smba.example/emea/', 'aud'),
  ).not.toBe(a);
});

test('a client that could not be made is not kept: the next turn tries again', async () => {
  const clients = new ConnectorClients();
  const inner = new CountingFactory();
  inner.failNext = true;
  const factory = clients.reusing(inner, claims('app'));
  await expect(factory.create('https://smba.example/emea/')).rejects.toThrow('no credentials');
  await expect(factory.create('https://smba.example/emea/')).resolves.toMatchObject({
    serviceUrl: 'https://smba.example/emea/',
  });
  expect(inner.made).toHaveLength(2);
});

test('the kept clients are bounded: a stranger naming service URL after URL (local mode) cannot grow them', async () => {
  const clients = new ConnectorClients();
  const inner = new CountingFactory();
  const factory = clients.reusing(inner, claims('app'));
  for (let i = 0; i <= 32; i++) await factory.create(`https://stub.example/${i}/`);
  // The first was dropped to keep 32; asking for it makes it again.
  await factory.create('https://stub.example/0/');
  await factory.create('https://stub.example/32/');
  expect(inner.made.filter((u) => u === 'https://stub.example/0/')).toHaveLength(2);
  expect(inner.made.filter((u) => u === 'https://stub.example/32/')).toHaveLength(1);
});

describe('through the adapter', () => {
  let server: Server;
  let url: string;
  let status = 200;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { id: 'sent' } : { error: { code: 'x', message: 'down' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const address = () => ({
    channelId: 'msteams',
    serviceUrl: url,
    conversation: { id: 'a:dm-29:ann', conversationType: 'personal' },
    bot: { id: '28:bot', name: 'Golden Thread' },
    user: { id: '29:ann' },
  });
  const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };

  test('turns to one service URL share a client, and its SDK retries stay off on every turn', async () => {
    const adapter = createTeamsAdapter(loadConfig({}), createLogger('silent'));
    const seen: unknown[] = [];
    adapter.use(async (context, next) => {
      seen.push(context.turnState.get(context.adapter.ConnectorClientKey));
      await next();
    });
    const sender = teamsSender(adapter, { appId: '', serviceUrl: 'unused' });
    status = 200;
    await sender.send(address(), message);
    status = 503;
    for (let i = 0; i < 2; i++) {
      requests = 0;
      await expect(sender.send(address(), message)).rejects.toBeInstanceOf(SendError);
      // One request for one send: the SDK's retry policy (three more, with backoff) is not there.
      expect(requests).toBe(1);
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
  });
});
