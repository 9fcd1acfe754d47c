import { Identity } from '../../../models';
import { useTestDatabase } from '../../support/database';
import { startTeamsTestBot, type TeamsTestBot } from '../../support/bot-app';

useTestDatabase();
let close: () => Promise<void>;
let base: string;
let connector: TeamsTestBot['connector'];

beforeAll(async () => {
  ({ base, connector, close } = await startTeamsTestBot('test/fixtures/small-plan.yaml'));
});
afterAll(() => close());

let seq = 0;
function activity(text: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'message',
    id: `incoming-${seq}`,
    text,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:ann', name: 'Ann Owner', aadObjectId: 'aad-ann' },
    recipient: { id: '28:bot', name: 'Golden Thread' },
    conversation: { id: `a:conv-${seq}`, conversationType: 'personal' },
    ...extra,
  };
}

async function post(body: unknown): Promise<number> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** Sends a message and returns the card text of the bot's reply, as the connector received it. */
async function askTeams(text: string): Promise<string> {
  const before = connector.calls.length;
  expect(await post(activity(text))).toBeLessThan(300);
  const replies = connector.calls.slice(before).filter((c) => c.method === 'POST');
  expect(replies).toHaveLength(1);
  return JSON.stringify(replies[0]?.body);
}

test.each([
  [
    'status of CS.1',
    ['CS.1 · Clean streets', '38.2%', 'XX%', '45%', 'Latest: 41% as of 30 Sept 2026', '● Green'],
  ],
  ['cs1', ['Recycle more household waste.']],
  ['Le. 1', ['Raise attainment.', '2.94']],
  ['status of CS.9', ["I couldn't find CS.9 in the plan — did you mean CS.1?"]],
  // One priority found: its card, with its figures.
  ['anything about recycling?', ['CS.1 · Clean streets', 'Recycle more household waste.', '38.2%']],
  ['what are the strategic aims?', ['CS — Clean streets', 'LE — Learning']],
  ['help', ['Ask me about the corporate plan']],
])('Teams: "%s"', async (question, facts) => {
  const reply = await askTeams(question);
  for (const fact of facts) expect(reply).toContain(fact);
});

test('a suggestion button (Action.Execute "ask") answers in place of its card, as if typed', async () => {
  const help = await askTeams('help');
  expect(help).toContain(
    JSON.stringify({ type: 'Action.Execute', title: 'status of ED.1', verb: 'ask' }).slice(0, -1),
  );
  const execute = async (data: unknown) => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        activity(undefined, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'ask', data }, trigger: 'manual' },
        }),
      ),
    });
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  };
  const answer = await execute({ ask: 'status of CS.1' });
  expect(answer).toContain('application/vnd.microsoft.card.adaptive');
  expect(answer).toContain('38.2%');
  expect(await execute({ ask: 'more: anything about recycling @0' })).toContain(
    'Recycle more household waste.',
  );
  expect(await execute({ ask: { $gt: '' } })).toContain('That button could not be read');
});

test('a card shared into the chat from the message extension is not answered as a question', async () => {
  const before = connector.calls.length;
  const card = {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: { type: 'AdaptiveCard', version: '1.5', body: [] },
  };
  const shared = activity(
    '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span content="0" itemprop="cardId"></span></span>',
    { attachments: [card] },
  );
  expect(await post(shared)).toBeLessThan(300);
  expect(connector.calls.slice(before)).toEqual([]);
  // Formatting and mentions are not part of the question.
  expect(await askTeams('<p><at>Golden Thread</at> status of <b>CS.1</b></p>')).toContain('38.2%');
});

test('the reply goes to the conversation and activity it answers', async () => {
  const before = connector.calls.length;
  await post(
    activity('help', { conversation: { id: 'a:conv-x', conversationType: 'personal' }, id: 'incoming-x' }),
  );
  expect(connector.calls[before]?.path).toBe('/v3/conversations/a:conv-x/activities/incoming-x');
});

test('bad input: empty, huge, emoji and right-to-left text, missing fields, unknown types — no crash, no 5xx', async () => {
  expect(await askTeams('')).toContain('Ask me about the corporate plan');
  expect(await askTeams('x'.repeat(10_000))).toContain('please ask in fewer than 500');
  expect(await askTeams('🙂 مرحبا')).toContain("I couldn't find anything about");
  expect(await post(activity(12345))).toBeLessThan(500);
  expect(await post({ type: 'message' })).toBeLessThan(500);
  expect(await post(activity('x', { type: 'somethingNew' }))).toBeLessThan(500);
  expect(await post(activity(undefined, { type: 'invoke', name: 'unknown/invoke', value: {} }))).toBe(200);
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{not json',
  });
  expect(res.status).toBe(400);
});

test('the sender is remembered with their conversation reference, and "my targets" knows them', async () => {
  expect(await askTeams('my targets')).toContain('Latest: 41% as of 30 Sept 2026');
  const identity = await Identity.findById('teams:29:ann').lean();
  expect(identity).toMatchObject({ platform: 'teams', person: 'ann.owner@test.gov.uk', name: 'Ann Owner' });
  expect(identity?.reference).toMatchObject({
    serviceUrl: connector.url,
    conversation: { conversationType: 'personal' },
  });
});

/** Posts an invoke and returns the HTTP response's body, where Teams expects an invoke's answer. */
async function invoke(
  name: string,
  value: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(undefined, { type: 'invoke', name, value })),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('message extension (composeExtension/query)', () => {
  const search = (query: unknown) =>
    invoke('composeExtension/query', {
      commandId: 'searchPlan',
      parameters: [{ name: 'query', value: query }],
      queryOptions: { skip: 0, count: 10 },
    });

  test('a code finds its priority first, as a card with a preview for the picker', async () => {
    const { status, body } = await search('cs1');
    expect(status).toBe(200);
    const result = body.composeExtension as { type: string; attachments: Record<string, unknown>[] };
    expect(result.type).toBe('result');
    const first = result.attachments[0] as { contentType: string; preview: { content: { title: string } } };
    expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first.preview.content.title).toBe('CS.1 — Recycle more household waste.');
    expect(JSON.stringify(first)).toContain('38.2%');
  });

  test('keywords search the plan; the first open (initialRun) lists priorities', async () => {
    const keyword = await search('recycled');
    expect(JSON.stringify(keyword.body)).toContain('CS.1 — Recycle more household waste.');
    const initial = await invoke('composeExtension/query', {
      commandId: 'searchPlan',
      parameters: [{ name: 'initialRun', value: 'true' }],
    });
    const attachments = (initial.body.composeExtension as { attachments: unknown[] }).attachments;
    expect(attachments.length).toBeGreaterThan(1);
  });

  test('a query without a parameter name (the Agents Playground sends one) is the search text', async () => {
    const { body } = await invoke('composeExtension/query', {
      parameters: [{ value: 'cs1' }],
      queryOptions: { skip: 0, count: 25 },
    });
    expect(JSON.stringify(body)).toContain('CS.1 — Recycle more household waste.');
  });

  test('bad input: a non-string query, a malformed value, a miss — an empty result, never a 5xx', async () => {
    for (const value of [{ parameters: 'nope' }, null, 42]) {
      const { status, body } = await invoke('composeExtension/query', value);
      expect(status).toBe(200);
      expect(body.composeExtension).toMatchObject({ type: 'result' });
    }
    expect((await search({ $gt: '' })).status).toBe(200);
    const miss = await search('zzzzqqqq');
    expect(miss.body.composeExtension).toMatchObject({ attachments: [] });
  });
});
