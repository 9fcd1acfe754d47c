import { socketModeEdge } from '../../../bot/slack/socket-mode-edge';
import { createLogger } from '../../../services/log/logger';
import { useTestDatabase } from '../../support/database';

// Over Socket Mode no request passes the HTTP receiver: the same edge rules hold in Bolt's middleware.
useTestDatabase();
const edge = socketModeEdge(createLogger('silent'));
async function passes(body: unknown): Promise<boolean> {
  let passed = false;
  await edge({ body, next: async () => void (passed = true) } as unknown as Parameters<typeof edge>[0]);
  return passed;
}
const event = (id: string, user: unknown = 'UANN') => ({
  type: 'event_callback',
  event_id: id,
  team_id: 'T1',
  event: { type: 'message', channel_type: 'im', channel: 'D1', user, text: 'help' },
});

test('an event passes once: Slack redelivering it over the socket is not handled again', async () => {
  expect(await passes(event('Ev-socket-1'))).toBe(true);
  expect(await passes(event('Ev-socket-1'))).toBe(false);
  expect(await passes(event('Ev-socket-2'))).toBe(true);
});

test('a badly shaped payload goes no further', async () => {
  expect(await passes(event('Ev-socket-3', { $ne: null }))).toBe(false);
  expect(await passes({ type: 'block_actions', actions: [] })).toBe(false);
  expect(
    await passes({ command: '/plan', text: 'help', user_id: 'U1', team_id: 'T1', channel_id: 'D1' }),
  ).toBe(true);
});
