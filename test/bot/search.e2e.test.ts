import { Target } from '../../models';
import { chatClient } from '../support/chat';
import { importFixture, startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector } from '../support/recording-connector';
import { slackHeaders } from '../support/slack-signing';

// Issue 13, item 7, over real HTTP: a free-text question that matches targets shows each target's
// line with its figures, in Teams (Adaptive Card) and in Slack (Block Kit), and a single clear
// match shows the priority's card.
useTestDatabase();
const SECRET = 'test-signing-secret';
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;
let base: string;
let close: () => void;

beforeAll(async () => {
  await importFixture('plans/leicester-2003.yaml');
  // ED.1/1's latest figure, as the demo's history records it (plans/demo/leicester-demo.yaml).
  await Target.updateOne(
    { plan: 'leicester-2003', key: 'ED.1/1' },
    { latest: { update: 'u1', value: 44.8, asOf: '2026-06-30', rag: 'amber', at: new Date('2026-07-10') } },
  );
  stub = await startRecordingConnector();
  ({ base, close } = await startTestBot({
    TEAMS_SERVICE_URL: stub.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  }));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
});
afterAll(async () => {
  close();
  await stub.close();
});

/** A /plan command from Slack, signed; Slack shows what the acknowledgement carries. */
async function slack(text: string): Promise<string> {
  const form = 'application/x-www-form-urlencoded';
  const body = new URLSearchParams({
    command: '/plan',
    text,
    user_id: 'UANN',
    channel_id: 'D1',
    team_id: 'T1',
    response_url: `${stub.url}/respond`,
    trigger_id: 't',
  }).toString();
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, form),
    body,
  });
  expect(res.status).toBe(200);
  return res.text();
}

const GCSE_LINE = [
  'ED.1',
  'To increase the percentage of students achieving 5 GCSE grades A*-C by to XX% by 2006 (BV 38).',
  'Baseline 2001/02: 40.7% → Interim 2004: 46% → Target 2006: XX% · Latest: 44.8% as of 30 Jun 2026',
  '▲ Amber',
  'Open ED.1',
];

test('Teams: "GCSE results" lists ED.1\'s target first with its figures, latest and RAG', async () => {
  const reply = await chat.say('user-id-0', 'GCSE results');
  for (const fact of GCSE_LINE) expect(reply).toContain(fact);
  expect(reply.indexOf('students achieving 5 GCSE')).toBeLessThan(reply.indexOf('Looked After Children'));
  expect(reply).toContain('Baseline 2001/02: 0 → Interim 2004: 2 → Target: 11');
});

test('Slack: "/plan GCSE results" shows the same lines', async () => {
  const reply = await slack('GCSE results');
  // Slack's renderer keeps "A*-C" from turning bold with zero-width spaces round the "*".
  for (const fact of GCSE_LINE) expect(reply).toContain(fact.replace('A*-C', 'A\u200b*\u200b-C'));
  expect(reply.indexOf('students achieving 5 GCSE')).toBeLessThan(reply.indexOf('Looked After Children'));
});

test.each([
  ['nurse-led beds', ['SC2', "20 nurse-led beds available as a 'step-up, step' down facility"]],
  ['domestic burglary', ['CSY.1', 'To reduce domestic burglary by 7% in 2004/05 (PSA7)', '29.9 per 1000']],
  ['bus trips', ['EN.2', 'To increase bus trips by 20% to the city centre by 2006.']],
])('one clear match, "%s", answers with its priority\'s card in Teams and Slack', async (question, facts) => {
  const teams = await chat.say('user-id-0', question);
  const slackReply = await slack(question);
  for (const fact of facts) {
    expect(teams).toContain(fact);
    expect(slackReply).toContain(fact);
  }
});

test('Teams and Slack: "what does the council value" lists the values', async () => {
  expect(await chat.say('user-id-0', 'what does the council value')).toContain('Dialogue');
  expect(await slack('what does the council value')).toContain('Dialogue');
});
