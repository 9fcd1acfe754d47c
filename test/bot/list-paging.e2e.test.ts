import type { BotApp } from '../../bot/app';
import { chatClient } from '../support/chat';
import { importFixture, startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector, type Recorded } from '../support/recording-connector';
import { slackHeaders } from '../support/slack-signing';

// Issue 12: a list cut short says `ask "more"`, and "more" — typed, or the "Show more" button —
// gives the next page of the last list, in Teams and Slack, whichever instance answers; a "Show
// more" on a private /plan answer stays private. "anything about services" finds 20 lines in the
// Leicester plan (priorities, and targets as lines of their own): pages of 8, 8 and 4.
useTestDatabase();
const SECRET = 'paging-secret';
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
const bots: { bot: BotApp; close(): void; base: string }[] = [];
let teams: ReturnType<typeof chatClient>;
let other: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('plans/leicester-2003.yaml', 'test@leicester.gov.uk');
  stub = await startRecordingConnector();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  };
  // Two instances on one database, as behind a load balancer.
  for (let i = 0; i < 2; i++) bots.push(await startTestBot(env));
  teams = chatClient({ base: bots[0]!.base, connector: stub.url, calls: stub.calls, secret: SECRET });
  other = chatClient({ base: bots[1]!.base, connector: stub.url, calls: stub.calls, secret: SECRET });
});
afterAll(async () => {
  for (const b of bots) b.close();
  await stub.close();
});

/** Every TextBlock and TextRun text of an Adaptive Card, in order. */
function texts(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(texts);
  const n = node as Record<string, unknown>;
  const own = (n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string' ? [n.text] : [];
  return [...own, ...Object.entries(n).flatMap(([k, v]) => (k === 'text' ? [] : texts(v)))];
}
/** The card a Teams reply (one posted activity) carries. */
const cardOf = (calls: Recorded[]) => {
  const posted = calls.filter((c) => c.method === 'POST' && c.path.startsWith('/v3/conversations/'));
  expect(posted).toHaveLength(1);
  return (posted[0]?.body.attachments as { content: Record<string, unknown> }[])[0]?.content;
};
/**
 * The "CODE — title" headings listed in a card or a Slack message: one per line (a priority's two
 * targets are two lines with one code, so lines, not codes, tell pages apart).
 */
const codes = (lines: string[]) =>
  lines
    .filter((l) => l.includes(' — ') && !/^\d+ more\b/.test(l))
    .map((l) => l.replace(/^\*/, '').replace(/\*$/, ''));
/** The "Show more" button's question on a Teams list card. */
const showMore = (card: Record<string, unknown> | undefined) =>
  ((card?.actions as { title: string; data: { ask: string } }[] | undefined) ?? []).find(
    (a) => a.title === 'Show more',
  )?.data.ask;

let sent = 0;
async function sayTeams(client: ReturnType<typeof chatClient>, from: string, text: string) {
  const before = stub.calls.length;
  // Ids of our own: each client counts from 1, and a repeated id is a redelivery, handled once.
  await client.postTeams(client.activity(from, { text, id: `paging-${++sent}` }));
  return cardOf(stub.calls.slice(before));
}

test('Teams: typed "more" gives the next page of the last list, then says when it is done', async () => {
  const first = await sayTeams(teams, '29:reader', 'anything about services');
  const page1 = codes(texts(first));
  expect(page1).toHaveLength(8);
  expect(texts(first).join('\n')).toContain('12 more');

  const second = await sayTeams(teams, '29:reader', 'more');
  const page2 = codes(texts(second));
  expect(page2).toHaveLength(8);
  expect(page2.filter((c) => page1.includes(c))).toEqual([]);
  expect(texts(second).join('\n')).toContain('9–16 of 20');

  // The next "more" reaches the other instance: the last list is kept in the database.
  const third = await sayTeams(other, '29:reader', 'show more');
  const page3 = codes(texts(third));
  expect(page3).toHaveLength(4);
  expect(new Set([...page1, ...page2, ...page3]).size).toBe(20);
  expect(showMore(third)).toBeUndefined();

  const done = await sayTeams(teams, '29:reader', 'more');
  expect(texts(done).join('\n')).toContain('That was the whole list');
  // Someone else in another chat has no list to continue.
  expect(texts(await sayTeams(teams, '29:newcomer', 'more')).join('\n')).toContain('no list to continue');
});

test('Teams: the "Show more" button gives the next page, not the first again', async () => {
  const first = await sayTeams(teams, '29:clicker', 'anything about services');
  const ask = showMore(first);
  expect(ask).toBeDefined();
  const answer = JSON.parse(await teams.execute('29:clicker', 'ask', { ask })) as {
    value: Record<string, unknown>;
  };
  const page2 = codes(texts(answer.value));
  expect(page2).toHaveLength(8);
  expect(page2.filter((c) => codes(texts(first)).includes(c))).toEqual([]);
  // A "Show more" from a card sent before paging ("more: <question>") still gives page two.
  const old = JSON.parse(
    await teams.execute('29:clicker', 'ask', { ask: 'more: anything about services' }),
  ) as { value: Record<string, unknown> };
  expect(codes(texts(old.value))).toEqual(page2);
});

async function slackCommand(text: string, user = 'UREADER') {
  const body = new URLSearchParams({
    command: '/plan',
    text,
    user_id: user,
    channel_id: 'C1',
    team_id: 'T1',
    response_url: `${stub.url}/respond`,
    trigger_id: 'x',
  }).toString();
  const form = 'application/x-www-form-urlencoded';
  const res = await fetch(`${bots[0]!.base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, form),
    body,
  });
  expect(res.status).toBe(200);
  return JSON.parse(await res.text()) as { response_type: string; blocks: Record<string, unknown>[] };
}
/** The lines of a Slack message's sections and context blocks. */
const slackLines = (message: { blocks: Record<string, unknown>[] }) =>
  message.blocks
    .flatMap((b) => [b.text, ...((b.elements as unknown[] | undefined) ?? [])])
    .map((t) => (t as { text?: unknown } | undefined)?.text)
    .filter((t): t is string => typeof t === 'string')
    .flatMap((t) => t.split('\n'));

test('Slack /plan: typed "more" gives the next page', async () => {
  const page1 = codes(slackLines(await slackCommand('anything about services')));
  expect(page1).toHaveLength(8);
  const second = slackLines(await slackCommand('more'));
  expect(second.join('\n')).toContain('9–16 of 20');
  const page2 = codes(second);
  expect(page2).toHaveLength(8);
  expect(page2.filter((c) => page1.includes(c))).toEqual([]);
});

test('Slack: "Show more" on a private /plan answer in a channel answers privately, with the next page', async () => {
  const first = await slackCommand('anything about services', 'UPRIVATE');
  expect(first.response_type).toBe('ephemeral');
  const button = first.blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as { text: { text: string }; value: string; action_id: string }[])
    .find((e) => e.text.text === 'Show more');
  expect(button).toBeDefined();
  const before = stub.calls.length;
  const click = await other.slack({
    type: 'block_actions',
    team: { id: 'T1', domain: 'x' },
    user: { id: 'UPRIVATE', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 't',
    channel: { id: 'C1', name: 'general' },
    container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: true },
    response_url: `${stub.url}/respond-private`,
    actions: [
      { type: 'button', action_id: button!.action_id, block_id: 'b', value: button!.value, action_ts: '1' },
    ],
  });
  expect(click.status).toBe(200);
  const answered = () => stub.calls.slice(before).filter((c) => c.path === '/respond-private');
  for (let i = 0; i < 100 && answered().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(answered()).toHaveLength(1);
  expect(answered()[0]?.body).toMatchObject({ response_type: 'ephemeral' });
  const page2 = codes(slackLines(answered()[0]?.body as { blocks: Record<string, unknown>[] }));
  expect(page2).toHaveLength(8);
  expect(page2.filter((c) => codes(slackLines(first)).includes(c))).toEqual([]);
  expect(stub.calls.slice(before).filter((c) => c.path === '/api/chat.postMessage')).toEqual([]);
});
