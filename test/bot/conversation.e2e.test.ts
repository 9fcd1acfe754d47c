import { useTestDatabase } from '../support/database';
import { startRecordingConnector } from '../support/recording-connector';
import { slackHeaders } from '../support/slack-signing';
import { importFixture, startTestBot } from '../support/bot-app';

// The demo plan, asked the way staff ask it, over real HTTP in both channels: question → facts.
useTestDatabase();
const SECRET = 'conversation-secret';
let close: () => void;
let base: string;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;

beforeAll(async () => {
  await importFixture('plans/leicester-2003.yaml', 'test@leicester.gov.uk');
  stub = await startRecordingConnector();
  ({ base, close } = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  }));
});
afterAll(async () => {
  close();
  await stub.close();
});

let seq = 0;
async function askTeams(text: string): Promise<string> {
  seq++;
  const before = stub.calls.length;
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${seq}`,
      text,
      channelId: 'msteams',
      serviceUrl: stub.url,
      from: { id: '29:staff', name: 'Staff Member' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: `a:c-${seq}`, conversationType: 'personal' },
    }),
  });
  expect(res.status).toBeLessThan(300);
  const replies = stub.calls.slice(before).filter((c) => c.path.startsWith('/v3/conversations/'));
  expect(replies).toHaveLength(1);
  return JSON.stringify(replies[0]?.body);
}

async function askSlack(text: string): Promise<string> {
  const body = new URLSearchParams({
    command: '/plan',
    text,
    user_id: 'USTAFF',
    channel_id: 'D9',
    team_id: 'T9',
    response_url: `${stub.url}/respond`,
    trigger_id: 'x',
  }).toString();
  const form = 'application/x-www-form-urlencoded';
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, form),
    body,
  });
  expect(res.status).toBe(200);
  return res.text();
}

const conversations: [string, string[]][] = [
  ['status of ED.1', ['ED.1', 'Raise attainment of all pupils.', '40.7%', '46%', 'BV 38', 'XX%']],
  ['ed1', ['Raise attainment of all pupils.', '40.7%']],
  ['ED 1', ['40.7%', '46%']],
  ['ed-1', ['40.7%']],
  ['how is ed.1 doing?', ['40.7%']],
  ['status of CSY.4', ['Baseline data still being collected.']],
  ['SC.1', ['SC1', 'Work in partnership with users, carers']],
  ['sc1', ['SC1']],
  ['CI2', ['Cl. 2', 'Sound Corporate Governance.']],
  ['Cl. 2', ['Sound Corporate Governance.']],
  ['cs1', ['CS1', 'To provide cultural activity']],
  ['status of ED.9', ["I couldn't find ED.9", 'did you mean', 'ED.1', 'ED.2', 'ED.3']],
  ['status of HS.3', ["I couldn't find HS.3", 'HS.1']],
  ['show the education priorities', ['Education', 'ED.1', 'ED.2', 'ED.3']],
  ['community safety', ['Community Safety', 'CSY.1', 'CSY.4']],
  ['housing', ['HS.1', 'HS.4']],
  ['anything about recycling?', ['EN.3', 'Increase recycling of waste.']],
  ['recycled', ['EN.3']],
  ['anything about domestic violence', ['CSY.2']],
  ['BV 38', ['ED.1', '40.7%']],
  ['bv38', ['ED.1']],
  ['what are the strategic aims?', ['Strategic aims', 'Diversity', 'Continuous Improvement']],
  ['themes', ['Strategic aims']],
  ['values', ['Our values', 'Dialogue']],
  ['help', ['Ask me about the corporate plan', 'status of ED.1']],
  ["what's off track?", ['No target is reported Red or Amber']],
  ['anything red?', ['No target is reported Red']],
  ['cleanliness of the city centre', ['no code', 'Improve the cleanliness of the City Centre.']],
  ['zebra crossings on mars', ["I couldn't find anything about"]],
  ['my targets', ["I don't know which person in the plan you are yet"]],
];

test.each(conversations)('Teams: "%s"', async (question, facts) => {
  const reply = await askTeams(question);
  for (const fact of facts) expect(reply).toContain(fact);
});

test.each(conversations.filter((_, i) => i % 3 === 0))('Slack /plan: "%s"', async (question, facts) => {
  const reply = await askSlack(question);
  for (const fact of facts) expect(reply).toContain(fact);
});
