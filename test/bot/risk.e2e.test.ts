import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import { Audit, RiskReview } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { BAND_FILLS } from '../../services/risk/matrix-image';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient, runDue, slackModalSubmission } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { pngHas } from '../support/png';
import { startRecordingConnector, type Recorded } from '../support/recording-connector';
import { askSlack } from '../support/slack-signing';

// The risk register over real HTTP on Teams and Slack (issue 15, item 3): "top risks", "risks for
// education", "risk R12" answer; the matrix picture is a signed PNG; a cycle opens → each risk owner
// gets a re-score form; a rising score without a comment is refused beside the field, then taken;
// "risk R12" shows the new score and the review.
useTestDatabase();
const SECRET = 'risk-secret';
let clock = new Date('2027-01-03T10:00:00Z');
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let bot: Awaited<ReturnType<typeof startTestBot>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/risk-plan.yaml', 'pat@risk.gov.uk');
  stub = await startRecordingConnector();
  bot = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${stub.url}/api/`,
      LINK_SECRET: 'a-risk-link-secret-of-some-length',
    },
    { now: () => clock },
  );
  chat = chatClient({ base: bot.base, connector: stub.url, calls: stub.calls, secret: SECRET });
  for (const who of ['29:ann', '29:pat']) await chat.say(who, 'hello');
});
afterAll(async () => {
  bot.close();
  await stub.close();
});

const slackAsk = (text: string, user = 'USAM') => askSlack(bot.base, SECRET, user, text);
const order = (text: string, ...ids: string[]) => ids.map((id) => text.indexOf(`${id}: `));

test('Teams: "top risks" lists open risks highest score first, with the matrix picture', async () => {
  const reply = await chat.say('29:meg', 'top risks');
  const [r3 = -1, r12 = -1, r5 = -1] = order(reply, 'R3', 'R12', 'R5');
  expect(r3).toBeGreaterThan(0);
  expect(r12).toBeGreaterThan(r3);
  expect(r5).toBeGreaterThan(0);
  expect(reply).toContain('C/II · 12 (High)');
  expect(reply).toContain('D/III · 6 (Medium)');
  expect(reply).toContain('Owner: Sam Slack');
  expect(reply).toMatch(
    /"type":"Image","url":"http:\/\/localhost:\d+\/files\/risks\/risk-borough\/matrix\.png\?sig=/,
  );
  expect(reply).toContain('Risk matrix of Corporate Plan, probability by impact: R3 at C/II · 12 (High)');
});

test('Slack: "top risks" answers the same, the picture linked (Slack cannot fetch localhost)', async () => {
  const reply = await slackAsk('top risks');
  expect(reply.indexOf('R3: ')).toBeLessThan(reply.indexOf('R12: '));
  expect(reply).toContain('C/II · 12 (High)');
  expect(reply).toContain('/files/risks/risk-borough/matrix.png');
});

test('"risks for education" lists risks linked to the aim\'s targets, not the others', async () => {
  for (const reply of [
    await chat.say('29:meg', 'risks for education'),
    await slackAsk('risks for education'),
  ]) {
    expect(reply).toContain('Risks for education');
    expect(reply).toContain('R12: Falling school rolls');
    expect(reply).not.toContain('R3: ');
    expect(reply).not.toContain('R5: ');
  }
  expect(await chat.say('29:meg', 'risks to EN.1')).toContain('R3: The recycling contract');
  expect(await chat.say('29:meg', 'risks for planning')).toContain('No open risk is linked to');
});

test('"risk R12" shows the risk in full on both channels', async () => {
  for (const reply of [await chat.say('29:meg', 'risk R12'), await slackAsk('risk r12')]) {
    expect(reply).toContain('Falling school rolls reduce the schools budget.');
    expect(reply).toContain('Fewer children of school age in the city.');
    expect(reply).toContain('targets for GCSE results missed');
    expect(reply).toContain('D/III · 6 (Medium) — Low probability, Marginal impact');
    expect(reply).toContain('E/III · 4 (Low)');
    expect(reply).toContain('Termly pupil projections');
    expect(reply).toContain(
      'Agree a falling-rolls fund with the schools forum · by 31 Mar 2027 · Meg Manager',
    );
    expect(reply).toContain('31 Mar 2027');
    expect(reply).toContain('Ann Owner');
    expect(reply).toContain('ED.1/1 — To increase the percentage of pupils achieving 5 GCSEs');
  }
  expect(await chat.say('29:meg', 'risk R99')).toContain('There is no risk R99');
});

const to = (calls: Recorded[], who: string) =>
  calls.filter((c) => c.path.includes(`dm-${who}`) || String(c.body.channel) === `D-${who}`);
const CYCLE = 'risk-borough:q3-2026-27';

test('a cycle opens → owners re-score: a rise needs a comment; the new score and review show', async () => {
  const opened = await openCycle(
    {
      plan: 'risk-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@risk.gov.uk',
    },
    clock,
  );
  expect(opened.riskOwners).toBe(3);
  clock = new Date('2027-01-04T09:01:00Z');
  const sent = await runDue(bot.bot, stub.calls);
  const ann = JSON.stringify(to(sent.teams, '29:ann'));
  expect(ann).toContain('Q3 2026/27: please review this risk by 15 Jan 2027');
  expect(ann).toContain('"verb":"reviewRisk"');
  expect(ann).toContain('B — High');
  expect(JSON.stringify(to(sent.slack, 'USAM'))).toContain('open_risk_review');

  // Ann, in Teams: up to B/II without a comment is refused beside the comment; with one it is taken.
  const rise = {
    cycle: CYCLE,
    risk: 'risk-borough:R12',
    probability: 'B',
    impact: 'II',
    reviewOn: '2027-02-28',
  };
  const refused = await chat.execute('29:ann', 'reviewRisk', rise, 'risk-card-1');
  expect(refused).toContain('The score rises from 6 to 15: say why in a comment.');
  expect(refused).toContain('"value":"B"');
  expect(await RiskReview.countDocuments()).toBe(0);
  const comment = 'Two primary schools lose a form of entry in September.';
  const taken = await chat.execute('29:ann', 'reviewRisk', { ...rise, comment }, 'risk-card-1');
  expect(taken).toContain('Risk R12 re-scored in Q3 2026/27: D/III · 6 (Medium) → B/II · 15 (High)');
  expect(await chat.execute('29:ann', 'reviewRisk', { ...rise, comment }, 'risk-card-1')).toContain(
    'Already recorded',
  );
  expect(await RiskReview.countDocuments()).toBe(1);
  // Someone else cannot re-score Ann's risk.
  expect(await chat.execute('29:meg', 'reviewRisk', { ...rise, comment }, 'x')).toContain(
    "Only the risk's owner or the policy team",
  );
  expect(
    await Audit.countDocuments({ entity: 'risks', entityId: 'risk-borough:R12', action: 'change' }),
  ).toBe(1);

  // Sam, in Slack: the button opens the modal; a rise without a comment comes back beside the field.
  const open = await chat.slack({
    type: 'block_actions',
    team: { id: 'T1', domain: 'risk' },
    user: { id: 'USAM', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trig-r',
    channel: { id: 'D-USAM', name: 'dm' },
    message: { ts: '222.2', type: 'message', text: '' },
    actions: [
      {
        type: 'button',
        action_id: 'open_risk_review',
        block_id: 'b',
        value: `${CYCLE}|risk-borough:R3`,
        action_ts: '1',
      },
    ],
  });
  expect(open.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  expect(JSON.stringify(stub.calls.filter((c) => c.path === '/api/views.open'))).toContain('review_risk');
  const meta = `${CYCLE}|risk-borough:R3|D-USAM|222.2`;
  const bad = await chat.slack(modal('USAM', meta, { probability: 'A', impact: 'II' }));
  expect(JSON.parse(bad.text)).toMatchObject({
    response_action: 'errors',
    errors: { comment: 'The score rises from 12 to 18: say why in a comment.' },
  });
  const good = await chat.slack(
    modal('USAM', meta, { probability: 'A', impact: 'II', comment: 'The bidder withdrew.' }),
  );
  expect(good.text).toContain('Risk R3 re-scored in Q3 2026/27: C/II · 12 (High) → A/II · 18 (High)');
  // Lower needs no comment.
  expect(await RiskReview.countDocuments()).toBe(2);

  clock = new Date('2027-01-05T10:00:00Z');
  const full = await chat.say('29:meg', 'risk R12');
  expect(full).toContain('B/II · 15 (High) — High probability, Critical impact');
  expect(full).toContain('Ann Owner · D/III · 6 (Medium) → B/II · 15 (High)');
  expect(full).toContain(comment);
  expect(full).toContain('28 Feb 2027');
  const top = await chat.say('29:meg', 'top risks');
  expect(top.indexOf('R3: ')).toBeLessThan(top.indexOf('R12: '));
  expect(top).toContain('A/II · 18 (High)');
});

test('the performance report shows each risk beside the exception it threatens: card and .docx', async () => {
  clock = new Date('2027-01-06T10:00:00Z');
  const red = {
    cycle: CYCLE,
    target: 'risk-borough:ED.1/1',
    value: '30',
    asOf: '2026-12-31',
    commentary: 'Results fell in three schools.',
    correctiveAction: 'A maths recovery plan with the three schools.',
  };
  expect(await chat.execute('29:ann', 'submitUpdate', red, 'card-ed')).toContain('Submitted by Ann Owner');
  const card = await chat.say('29:pat', 'draft performance report Q3 2026/27');
  expect(card).toContain('ED.1/1: To increase the percentage of pupils');
  expect(card).toContain('Risk R12: Falling school rolls reduce the schools budget. — B/II · 15 (High)');
  // The Word document's signed link: the path has no quote or backslash, the signature is base64url.
  const url = /http:\/\/localhost:\d+\/files\/report\/[\w%.-]+\/draft\/report\.docx\?sig=[\w-]+/.exec(
    card,
  )?.[0] as string;
  const docx = await fetch(`${bot.base}${new URL(url).pathname}${new URL(url).search}`);
  expect(docx.status).toBe(200);
  const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
  expect(text).toMatch(/Risks\s+R12: Falling school rolls reduce the schools budget\. — B\/II · 15 \(High\)/);
  // Sam's R3 threatens EN.1, which is not an exception: it is not in the report.
  expect(text).not.toContain('R3: ');
});

test('the matrix picture is a signed PNG with the bands shaded; a changed link is refused', async () => {
  const reply = await chat.say('29:meg', 'top risks');
  const url = /http:\/\/localhost:\d+\/files\/risks\/[^"\\]+/.exec(reply)?.[0] as string;
  const local = `${bot.base}${new URL(url).pathname}${new URL(url).search}`;
  const res = await fetch(local);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  expect(png.width).toBeGreaterThan(400);
  expect(BAND_FILLS.slice(0, 3).every((fill) => pngHas(png, fill))).toBe(true);
  expect((await fetch(local.replace('risk-borough', 'other-plan'))).status).toBe(403);
});

/** A Slack re-score modal's submission by `user`: selects for the scales, text and a date picker. */
const modal = (user: string, metadata: string, values: Record<string, string>) =>
  slackModalSubmission(user, metadata, values, {
    callbackId: 'review_risk',
    dates: ['reviewOn'],
    selects: Object.keys(values).filter((k) => k !== 'reviewOn' && k !== 'comment'),
  });
