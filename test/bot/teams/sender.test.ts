import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsAdapter } from '../../../bot/teams/adapter';
import { teamsSender } from '../../../bot/teams/sender';
import { loadConfig } from '../../../services/config/config';
import { SendError } from '../../../services/delivery/sender';
import { createLogger } from '../../../services/log/logger';

// The Teams sender against a Bot Connector that answers as told: a refusal must come back as a
// SendError (the adapter's onTurnError must not swallow it and make the send look done).
let answer: { status: number; headers?: Record<string, string>; body?: object } = { status: 200 };
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? { id: 'sent-1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const sender = () =>
  teamsSender(createTeamsAdapter(loadConfig({}), createLogger('silent')), {
    appId: '',
    serviceUrl: 'unused',
  });
const address = () => ({
  channelId: 'msteams',
  serviceUrl: url,
  conversation: { id: 'a:dm-29:ann', conversationType: 'personal' },
  bot: { id: '28:bot', name: 'Golden Thread' },
  user: { id: '29:ann' },
});
const message = { kind: 'notice' as const, text: 'Hello', suggestions: [] };

test('a message the connector accepts resolves with its id', async () => {
  answer = { status: 200, body: { id: 'sent-1' } };
  await expect(sender().send(address(), message)).resolves.toEqual({ id: 'sent-1' });
});

test.each([
  [429, { 'retry-after': '7' }, { retryable: true, throttled: true, retryAfterMs: 7000 }],
  [503, {}, { retryable: true, throttled: false }],
  [412, {}, { retryable: true, throttled: false }],
  [403, {}, { retryable: false, throttled: false }],
])('a %i is a SendError, not a send', async (status, headers, expected) => {
  answer = { status, headers, body: { error: { code: 'x', message: 'refused' } } };
  const error = await sender()
    .send(address(), message)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SendError);
  expect(error).toMatchObject(expected);
});
