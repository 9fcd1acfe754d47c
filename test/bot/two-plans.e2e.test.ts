import { startRecordingConnector } from '../support/recording-connector';
import { askSlack } from '../support/slack-signing';
import { startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { importTwoPlans, LEICESTER_PERSON, YORK_ED1_TITLE, YORK_PERSON } from '../support/two-plans';

// Two councils' plans side by side (issue 13, item 4), over real HTTP on both channels: lists name
// their plan, "which plans?" lists both, and ED.1 — in both plans — answers for the asker's own.
useTestDatabase();
const SECRET = 'test-signing-secret';
const LEICESTER = 'Leicester City Council Interim Corporate Plan 2003–2006';
const YORK = 'City of York Council Corporate Strategy 2009–2012';
let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
let slackApi: Awaited<ReturnType<typeof startRecordingConnector>>;
let bot: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  await importTwoPlans();
  connector = await startRecordingConnector();
  slackApi = await startRecordingConnector();
  bot = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${slackApi.url}/api/`,
  });
});
afterAll(async () => {
  bot.close();
  await connector.close();
  await slackApi.close();
});

let seq = 0;
const STRANGER = { teamsId: '29:stranger', slackId: 'USTRANGER' };

/** A Teams message (or an invoke) from `teamsId`; resolves with the bot's one reply, as JSON text. */
async function teams(teamsId: string, text: string, ask?: string): Promise<string> {
  seq++;
  const before = connector.calls.length;
  const res = await fetch(`${bot.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: ask ? 'invoke' : 'message',
      ...(ask
        ? {
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'ask', data: { ask } }, trigger: 'manual' },
          }
        : { text }),
      id: `two-plans-${seq}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: teamsId, name: 'Someone' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: `a:two-plans-${seq}`, conversationType: 'personal' },
    }),
  });
  expect(res.status).toBeLessThan(300);
  // An invoke is answered in its HTTP response; a message through the connector.
  if (ask) return JSON.stringify(await res.json());
  const replies = connector.calls.slice(before).filter((c) => c.method === 'POST');
  expect(replies).toHaveLength(1);
  return JSON.stringify(replies[0]?.body);
}

/** `/plan <text>` from a Slack user; the answer is in the acknowledgement. */
const slack = (slackId: string, text: string) => askSlack(bot.base, SECRET, slackId, text);

const channels = [
  ['Teams', (who: { teamsId: string }, text: string) => teams(who.teamsId, text)],
  ['Slack', (who: { slackId: string }, text: string) => slack(who.slackId, text)],
] as const;

describe.each(channels)('%s', (_, ask) => {
  test('"themes" from someone no plan lists: both plans, each under its name', async () => {
    const reply = await ask(STRANGER, 'themes');
    const leicester = reply.indexOf(LEICESTER);
    const york = reply.indexOf(YORK);
    expect(leicester).toBeGreaterThan(-1);
    expect(york).toBeGreaterThan(leicester);
    // Leicester's aims under Leicester, York's under York: never one interleaved list.
    expect(reply.indexOf('Learning City')).toBeGreaterThan(york);
    expect(reply.indexOf('Education')).toBeGreaterThan(leicester);
    expect(reply.indexOf('Education')).toBeLessThan(york);
  });

  test('"themes" from a Leicester person: Leicester\'s, named, with a button for York', async () => {
    const reply = await ask(LEICESTER_PERSON, 'themes');
    expect(reply).toContain(LEICESTER);
    expect(reply).not.toContain('Learning City');
    expect(reply).toContain('aims in York');
  });

  test('"which plans?" lists both, with organisation, period, status and counts', async () => {
    for (const question of ['which plans?', 'what plans are there', 'list plans']) {
      const reply = await ask(STRANGER, question);
      expect(reply).toContain('Interim Corporate Plan 2003–2006');
      expect(reply).toMatch(
        /Leicester City Council · Out for consultation · 10 strategic aims, \d+ priorities/,
      );
      expect(reply).toContain('Corporate Strategy 2009–2012');
      expect(reply).toMatch(/City of York Council · Draft · 8 themes, \d+ improvements/);
    }
  });

  test("ED.1 is in both plans: a Leicester person gets Leicester's, a York person York's", async () => {
    const leicester = await ask(LEICESTER_PERSON, 'status of ED.1');
    expect(leicester).toContain('Raise attainment of all pupils.');
    expect(leicester).toContain(`ED.1 · Education · ${LEICESTER}`);
    expect(leicester).not.toContain(YORK_ED1_TITLE);
    const york = await ask(YORK_PERSON, 'ed1');
    expect(york).toContain(YORK_ED1_TITLE);
    expect(york).toContain(YORK);
  });

  test('ED.1 from someone no plan lists asks which, with a button for each plan', async () => {
    const reply = await ask(STRANGER, 'status of ED.1');
    expect(reply).toContain(`ED.1 is in 2 plans: ${LEICESTER}; ${YORK}. Which do you mean?`);
    expect(reply).toContain('status of ED.1 in Leicester');
    expect(reply).toContain('status of ED.1 in York');
    expect(await ask(STRANGER, 'status of ED.1 in York')).toContain(YORK_ED1_TITLE);
  });

  test('"my targets" names the plan the targets are in', async () => {
    const reply = await ask(LEICESTER_PERSON, 'my targets');
    expect(reply).toContain('Your targets');
    expect(reply).toContain(LEICESTER);
  });
});

test('Teams: the "status of ED.1 in York" button answers with York\'s ED.1', async () => {
  const reply = await teams(STRANGER.teamsId, '', 'status of ED.1 in York');
  expect(reply).toContain(YORK_ED1_TITLE);
  expect(reply).not.toContain('Raise attainment of all pupils.');
});

test("DEFAULT_PLAN: ED.1 from someone no plan lists answers from that plan; a person's own still wins", async () => {
  const defaulted = await startTestBot({ DEFAULT_PLAN: 'york-2009' });
  try {
    const ask = async (teamsId: string, text: string) => {
      const before = connector.calls.length;
      seq++;
      await fetch(`${defaulted.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text,
          id: `default-${seq}`,
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: { id: teamsId, name: 'Someone' },
          recipient: { id: '28:bot', name: 'Golden Thread' },
          conversation: { id: `a:default-${seq}`, conversationType: 'personal' },
        }),
      });
      return JSON.stringify(connector.calls.slice(before).find((c) => c.method === 'POST')?.body);
    };
    expect(await ask(STRANGER.teamsId, 'status of ED.1')).toContain(YORK_ED1_TITLE);
    expect(await ask(LEICESTER_PERSON.teamsId, 'status of ED.1')).toContain(
      'Raise attainment of all pupils.',
    );
  } finally {
    defaulted.close();
  }
});
