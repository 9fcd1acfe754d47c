import { type BotApp } from '../../bot/app';
import { Person } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { startCycleChat, type CycleChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { slackHeaders } from '../support/slack-signing';

// Issue 12, item 9: user text is inert everywhere. A service manager's commentary is shown to
// everyone who asks about the priority; written as Markdown or Slack markup it must show as typed,
// never as a disguised link, emphasis, a mention or HTML. Real HTTP (Teams activities and an
// Action.Execute submit, signed Slack requests), the real database, the cycle-plan fixture.
useTestDatabase();
const SECRET = 'inert-text-secret';
const clock = new Date('2027-01-05T10:00:00Z');
const CYCLE = 'cycle-borough:q3-2026-27';
const ED11 = 'cycle-borough:ED.1/1';
const COMMENTARY =
  'See [the Ofsted letter](https://evil.example/phish) **now** _please_ <!channel> <@U123> <b>html</b> &amp; https://bare.example/x';
// The same, as Slack mrkdwn that shows it as typed: & < > escaped, * and _ between zero-width spaces.
const Z = '\u200b';
const SLACK_COMMENTARY = `See [the Ofsted letter](https://evil.example/phish) ${Z}*${Z}${Z}*${Z}now${Z}*${Z}${Z}*${Z} ${Z}_${Z}please${Z}_${Z} &lt;!channel&gt; &lt;@U123&gt; &lt;b&gt;html&lt;/b&gt; &amp;amp; https://bare.example/x`;
let bot: BotApp;
let base: string;
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];

beforeAll(async () => {
  ({ bot, base, stub, chat } = await startCycleChat(SECRET, () => clock));
  await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      aim: 'education',
      by: 'pat@cycle.gov.uk',
    },
    new Date('2026-12-21T10:00:00Z'),
  );
  // Pat, of the policy team, on Slack too: the broadcast commands echo the name they are given.
  await Person.updateOne({ _id: 'pat@cycle.gov.uk' }, { $set: { slackId: 'UPAT' } });
  const data = { cycle: CYCLE, target: ED11, value: '44', asOf: '2026-12-31', commentary: COMMENTARY };
  expect(await chat.execute('29:ann', 'submitUpdate', data)).toContain('Submitted by Ann Owner');
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

type Node = Record<string, unknown>;
/** Every object in a JSON tree, depth first. */
function nodes(tree: unknown): Node[] {
  if (Array.isArray(tree)) return tree.flatMap(nodes);
  if (!tree || typeof tree !== 'object') return [];
  return [tree as Node, ...Object.values(tree).flatMap(nodes)];
}
/** The cards of the replies the Bot Connector stub recorded from `from` on. */
const cards = (from: number) =>
  stub.calls
    .slice(from)
    .flatMap((c) => (c.body.attachments as { content: unknown }[] | undefined) ?? [])
    .map((a) => a.content);

test('Teams: the commentary is a TextRun, exactly as typed; Teams renders no TextBlock Markdown', async () => {
  const before = stub.calls.length;
  await chat.say('29:meg', 'status of ED.1');
  const [card] = cards(before);
  const all = nodes(card);
  // TextRun is plain text on every Teams client (TextBlock and facts are Markdown): the commentary
  // is there as typed, and no TextBlock is left anywhere in the card to read it as a link.
  expect(all.filter((n) => n.type === 'TextRun').map((n) => n.text)).toContain(COMMENTARY);
  expect(all.filter((n) => n.type === 'TextBlock')).toEqual([]);
  expect(JSON.stringify(card).split('evil.example')).toHaveLength(2); // once: in the TextRun
});

test('Teams: an echoed question is inert too', async () => {
  const before = stub.calls.length;
  await chat.say('29:pat', 'broadcast status [the list](https://evil.example/phish) **now**');
  const all = nodes(cards(before));
  expect(all.filter((n) => n.type === 'TextRun').map((n) => n.text)).toContain(
    'There is no broadcast "[the list](https://evil.example/phish) **now**".',
  );
  expect(all.filter((n) => n.type === 'TextBlock')).toEqual([]);
});

const slackEvent = (text: string, ts: string, user: string) =>
  JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: `Ev-inert-${ts}`,
    event_time: 1,
    event: { type: 'message', channel_type: 'im', channel: `D-${user}`, user, text, ts },
  });
/** A direct message to the bot, as Slack encodes its text; resolves with the chat.postMessage sent. */
async function dm(text: string, ts: string, user = 'UMEG'): Promise<{ text: string; blocks: Node[] }> {
  const body = slackEvent(text, ts, user);
  const before = stub.calls.length;
  const posted = () => stub.calls.slice(before).filter((c) => c.path === '/api/chat.postMessage');
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, 'application/json'),
    body,
  });
  expect(res.status).toBe(200);
  // Waits for the answer itself (the event is acknowledged first, answered after).
  for (let i = 0; i < 250 && posted().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(posted()).toHaveLength(1);
  // The Web API client posts a form: its blocks are a JSON string.
  const sent = posted()[0]?.body ?? {};
  const blocks = typeof sent.blocks === 'string' ? (JSON.parse(sent.blocks) as Node[]) : [];
  return { text: String(sent.text), blocks };
}
/** Every mrkdwn text object in the blocks. */
const mrkdwn = (blocks: Node[]) => nodes(blocks).filter((n) => n.type === 'mrkdwn');

test('Slack: the commentary shows as typed: escaped, kept from formatting, nothing auto-linked', async () => {
  const message = await dm('status of ED.1', '1.1');
  const texts = mrkdwn(message.blocks);
  expect(texts.map((t) => t.text).join('\n')).toContain(SLACK_COMMENTARY);
  // `verbatim`: Slack links no URL, channel name or @mention it finds by itself.
  for (const t of texts) expect(t.verbatim).toBe(true);
  const json = JSON.stringify(message);
  for (const live of ['<!channel>', '<@U123>', '<b>', '<https://evil', '**now**', '_please_'])
    expect(json).not.toContain(live);
});

test('Slack: the notification text of a notice echoing the question is escaped (no <!channel>)', async () => {
  // The person typed "<!channel>" and "<@U123>": Slack sends them escaped, the bot reads them as
  // typed, and its "couldn't find" notice echoes them. The notification must not notify anyone.
  const message = await dm('broadcast status &lt;!channel&gt; &lt;@U123&gt; *bold*', '1.2', 'UPAT');
  const json = JSON.stringify(message);
  expect(json).not.toContain('<!channel>');
  expect(json).not.toContain('<@U123>');
  expect(message.text).toContain('&lt;!channel&gt; &lt;@U123&gt;');
  expect(message.text).toContain(`${Z}*${Z}bold${Z}*${Z}`);
});
