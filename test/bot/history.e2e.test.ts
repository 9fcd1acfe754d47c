import { PNG } from 'pngjs';
import { createLogger } from '../../services/log/logger';
import { loadDemoPlan } from '../../services/plan/demo';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { startTestBot } from '../support/bot-app';
import { chatClient } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { pngHas } from '../support/png';
import { startRecordingConnector } from '../support/recording-connector';
import { askSlack } from '../support/slack-signing';

// "history of ED.1" (issue 13, item 3) over real HTTP on both channels, on the demo's Leicester plan:
// every update of the priority's targets with who, when, RAG and its reason, and a chart of actuals
// against the profile served as a signed PNG.
useTestDatabase();
const SECRET = 'test-signing-secret';
const LOADED = new Date('2026-11-30T10:00:00Z');
let bot: Awaited<ReturnType<typeof startTestBot>>;
let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
let slackApi: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await loadDemoPlan('auto', true, createLogger('silent'), 20 * 1024 * 1024, { now: LOADED });
  connector = await startRecordingConnector();
  slackApi = await startRecordingConnector();
  bot = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackApi.url}/api/` },
    { now: () => LOADED, catalogue: new PlanCatalogue(0) },
  );
  chat = chatClient({ base: bot.base, connector: connector.url, calls: connector.calls });
});
afterAll(async () => {
  bot.close();
  await connector.close();
  await slackApi.close();
});

const slack = (text: string) => askSlack(bot.base, SECRET, 'U0DEMO002', text);

test('Teams: "history of ED.1" lists each update with its RAG, reason, who and when, newest first', async () => {
  const reply = await chat.say('user-id-0', 'history of ED.1');
  expect(reply).toContain('History · ED.1');
  const first = reply.indexOf('44.8% as of 30 Jun 2026');
  const earlier = reply.indexOf('43.9% as of 31 Mar 2026');
  expect(first).toBeGreaterThan(0);
  expect(earlier).toBeGreaterThan(first);
  expect(reply).toContain('▲ Amber · 44.8% as of 30 Jun 2026');
  expect(reply).toContain('Amber: 44.8% against the 2004 interim target of 46%; within 5%');
  expect(reply).toContain('Alex Wilber · ');
  expect(reply).toContain('Provisional results below the interim figure');
});

test('Slack: "history of ED.1/1" answers for that target alone', async () => {
  const reply = await slack('history of ED.1/1');
  expect(reply).toContain('History · ED.1');
  expect(reply).toContain('44.8% as of 30 Jun 2026');
  expect(reply).not.toContain('special measures');
});

test('the chart is a signed PNG of actuals against the profile; a changed link is refused', async () => {
  const reply = await chat.say('user-id-0', 'history of ED.1/1');
  const url = /https?:\/\/[\w.:-]+\/files\/history\/[^"\\]+/.exec(reply)?.[0];
  expect(url).toBeDefined();
  const local = `${bot.base}${new URL(url as string).pathname}${new URL(url as string).search}`;
  const res = await fetch(local);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  expect(png.width).toBeGreaterThan(300);
  // The actual line (#1d70b8) and the expected line (#505a5f) are both drawn.
  expect(pngHas(png, '#1d70b8')).toBe(true);
  expect(pngHas(png, '#505a5f')).toBe(true);
  const forged = local.replace('ED.1%2F1', 'ED.1%2F2');
  expect((await fetch(forged)).status).toBe(403);
});

test('a code that is not in the plan says so', async () => {
  expect(await chat.say('user-id-0', 'history of ZZ.9')).not.toContain('History ·');
});
