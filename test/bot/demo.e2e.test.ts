import { type BotApp } from '../../bot/app';
import { Delivery, Update } from '../../models';
import { createLogger } from '../../services/log/logger';
import { loadDemoPlan } from '../../services/plan/demo';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { chatClient, runDue } from '../support/chat';
import { startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector } from '../support/recording-connector';

// The demo tried as a newcomer tries it, over real HTTP: the Playground's user (Teams id user-id-0,
// Alex Wilber) and the terminal client's (terminal-user) ask what the README's try-it section says.
useTestDatabase();
const LOADED = new Date('2026-11-30T10:00:00Z');
let clock = LOADED;
let bot: BotApp;
let chat: ReturnType<typeof chatClient>;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let close: () => void;

beforeAll(async () => {
  await loadDemoPlan('auto', true, createLogger('silent'), 20 * 1024 * 1024, { now: LOADED });
  stub = await startRecordingConnector();
  // Someone the bot has never talked to is reached through TEAMS_SERVICE_URL: the stub, not Microsoft.
  let base: string;
  ({ bot, base, close } = await startTestBot(
    { TEAMS_SERVICE_URL: stub.url },
    { now: () => clock, catalogue: new PlanCatalogue(0) },
  ));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls });
});
afterAll(async () => {
  close();
  await stub.close();
});

test.each([
  ['user-id-0', 'my targets', ['Your targets', 'GCSE grades A*-C', 'special measures']],
  ['terminal-user', 'my targets', ['Your targets', 'household waste']],
  ['user-id-0', 'status of ED.1', ['▲ Amber', '44.8% as of 30 Jun 2026', '● Green', '0 as of 30 Sept 2026']],
  ['user-id-0', "what's off track?", ['Targets at Red or Amber', '◆ Red', 'ED.2', 'Open ED.2']],
  ['user-id-0', 'cycle status', ['Q2 2026/27', 'Alex Wilber']],
  ['terminal-user', 'results of corporate plan priorities', ['14 responses from 25 people']],
  ['user-id-0', 'attendees of line-of-sight', ['8 of 12 places taken']],
])('%s: "%s"', async (who, question, facts) => {
  const reply = await chat.say(who, question);
  for (const fact of facts) expect(reply).toContain(fact);
});

test('"remind outstanding" brings Alex the ED.1/1 form, which Alex submits; nobody fictional is sent anything', async () => {
  expect(await chat.say('user-id-0', 'remind outstanding for Q2 2026/27')).toContain('Reminding 8 owners');
  // The cycle jobs queue with the wall clock's time (services/cycle/jobs.ts), so the outbox is
  // drained at a moment after it.
  clock = new Date(Math.max(Date.now(), LOADED.getTime()) + 60_000);
  const { teams } = await runDue(bot, stub.calls);
  clock = LOADED;
  const alex = teams.filter((c) => c.path.includes('a:dm-user-id-0'));
  expect(JSON.stringify(alex)).toContain('To increase the percentage of students achieving 5 GCSE');
  expect(JSON.stringify(teams.filter((c) => c.path.includes('a:dm-terminal-user')))).toContain('household');
  // The fictional owners have Slack ids only, and Slack is off here: refused at once, never retried.
  const fictional = await Delivery.find({ batch: /^reminder-now/, platform: 'slack' }).lean();
  expect(fictional.length).toBe(4);
  expect(fictional.every((d) => d.status === 'failed' && d.error === 'slack is not configured')).toBe(true);

  const submitted = await chat.execute('user-id-0', 'submitUpdate', {
    cycle: 'leicester-2003:q2-2026-27',
    target: 'leicester-2003:ED.1/1',
    value: '46.5',
    asOf: '2026-09-30',
    commentary: 'Provisional results: above the interim figure for the first time.',
  });
  expect(submitted).toContain('Submitted by Alex Wilber');
  expect(await Update.countDocuments({ target: 'ED.1/1' })).toBe(3);
  expect(await chat.say('user-id-0', 'status of ED.1')).toContain('46.5% as of 30 Sept 2026');
});
