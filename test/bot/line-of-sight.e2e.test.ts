import { startRecordingConnector } from '../support/recording-connector';
import { askSlack } from '../support/slack-signing';
import { startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { ANN, MO, NIA, importLineOfSight } from '../fixtures/line-of-sight/load';

// Issue 15, item 2, over real HTTP on both channels: a person in a team plan asks "what do I
// contribute to?" and sees the chain up to a Leicester aim; "who contributes to ED.1?" lists the
// chain down with owners and RAGs; a manager asks for "my team's targets".
useTestDatabase();
const SECRET = 'line-of-sight-secret';
let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
let slackApi: Awaited<ReturnType<typeof startRecordingConnector>>;
let bot: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  await importLineOfSight();
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
/** A Teams message from `teamsId`; resolves with the bot's one reply, as JSON text. */
async function teams(teamsId: string, text: string): Promise<string> {
  seq++;
  const before = connector.calls.length;
  const res = await fetch(`${bot.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text,
      id: `line-of-sight-${seq}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: teamsId, name: 'Someone' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: `a:line-of-sight-${seq}`, conversationType: 'personal' },
    }),
  });
  expect(res.status).toBeLessThan(300);
  const replies = connector.calls.slice(before).filter((c) => c.method === 'POST');
  expect(replies).toHaveLength(1);
  return JSON.stringify(replies[0]?.body);
}

/** `/plan <text>` from a Slack user; the answer is in the acknowledgement, as JSON text. */
const slack = (slackId: string, text: string) => askSlack(bot.base, SECRET, slackId, text);

const channels = [
  ['Teams', (who: { teamsId: string }, text: string) => teams(who.teamsId, text)],
  ['Slack', (who: { slackId: string }, text: string) => slack(who.slackId, text)],
] as const;

/** The reply's text with JSON escapes undone, so facts read as a person would read them. */
const plain = (reply: string) =>
  (JSON.parse(`"${reply.replace(/\\"/g, "'").replace(/"/g, '\\"')}"`) as string).replace(/\u200b/g, '');

describe.each(channels)('%s', (_, ask) => {
  test('"what do I contribute to?": Ann sees her objective\'s chain up to a Leicester aim', async () => {
    for (const question of ['what do I contribute to?', 'my line of sight', 'how does my work contribute?']) {
      const reply = plain(await ask(ANN, question));
      expect(reply).toContain('What you contribute to');
      expect(reply).toContain('Objective: Recruit and train the booster tutors for my four schools');
      expect(reply).toContain(
        '→ Team plan (School Improvement) — Team action TA.1: Recruit and train booster tutors → Service plan (Education) — Service action SE.1/1: Run a GCSE booster programme in six secondary schools → Leicester City Council — Headline milestone or target ED.1/1: To increase the percentage of students achieving 5 GCSE grades A*-C… → Priority ED.1: Raise attainment of all pupils. → Strategic aim ED: Education',
      );
      expect(reply).toContain('Your objectives · Leicester City Council Objectives of Ann Adams 2026/27');
      expect(reply).toContain('You own this target: Twelve booster tutors in post by September 2026');
    }
  });

  test('someone with nothing linked gets a helpful answer', async () => {
    const reply = plain(await ask(NIA, 'what do I contribute to?'));
    expect(reply).toContain('Nothing in the plans links your work to the corporate plan yet');
    expect(reply).toContain('Ask your manager or the policy team to add your objectives');
  });

  test('"who contributes to ED.1?": the chain down, by plan, with owners and RAGs', async () => {
    const reply = plain(await ask(NIA, 'who contributes to ED.1?'));
    expect(reply).toContain('Who contributes to ED.1');
    expect(reply).toContain(
      '11 items in 3 plans contribute to Priority ED.1: Raise attainment of all pupils.',
    );
    const service = reply.indexOf(
      'Service plan (Education) · Leicester City Council Education Service Plan 2026/27',
    );
    const team = reply.indexOf(
      'Team plan (School Improvement) · Leicester City Council School Improvement Team Plan 2026/27',
    );
    expect(service).toBeGreaterThan(-1);
    expect(team).toBeGreaterThan(service);
    expect(reply).toContain('Measure · Owner: Sam Service · part of SE.1/1');
    expect(reply).toContain('Red: 38% against the 2027 final target of 50%; more than 5% worse');
    expect(reply).toContain('Target · Owner: Ann Adams · part of TA.1');
    expect(reply).toContain('▲ Amber');
    // Indented by depth: Ann's target sits four links below ED.1.
    expect(reply).toContain('\u2003\u2003\u2003↳ TA.1/1');
  });

  test('"what contributes to ed1" reads any spelling; "Show more" gives the rest of the chain', async () => {
    const reply = plain(await ask(NIA, 'what contributes to ed1'));
    expect(reply).toContain('Who contributes to ED.1');
    expect(reply).toContain('Showing 1–8 of 11');
    expect(reply).toContain('more: who contributes to leicester-2003:ED.1 @8');
    const rest = plain(await ask(NIA, 'more: who contributes to leicester-2003:ED.1 @8'));
    expect(rest).toContain('Showing 9–11 of 11');
    expect(rest).toContain('A tracking spreadsheet for each school (deleted)');
    expect(rest).toContain("Ann Adams's objectives");
  });

  test("\"my team's targets\": Mo sees Ann's and Bob's targets, by person, with RAG and reason", async () => {
    const reply = plain(await ask(MO, "my team's targets"));
    expect(reply).toContain("Your team's targets");
    expect(reply).toContain('3 targets owned by 2 of the 2 people you manage.');
    const ann = reply.indexOf('Ann Adams');
    const bob = reply.indexOf('Bob Brown');
    expect(ann).toBeGreaterThan(-1);
    expect(bob).toBeGreaterThan(ann);
    expect(reply).toContain('TA.1/1 — Twelve booster tutors in post by September 2026');
    expect(reply).toContain('The figures give Red: 9 against the Sept 2026 final target of 12');
    expect(reply).toContain('A tracking spreadsheet for each school (deleted)');
  });

  test("a deleted target is shown as deleted, with its reason, on its priority's card", async () => {
    const reply = plain(await ask(MO, 'status of TA.2'));
    expect(reply).toContain(
      "A tracking spreadsheet for each school (deleted: Replaced by the council's pupil tracking system.)",
    );
  });

  test('"my team\'s targets" from someone who manages nobody says so', async () => {
    expect(plain(await ask(ANN, "my team's targets"))).toContain(
      'Nobody in the plans names you as their line manager',
    );
  });
});
