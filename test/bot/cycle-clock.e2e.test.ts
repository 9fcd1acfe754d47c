import { type BotApp } from '../../bot/app';
import { openCycle } from '../../services/cycle/open';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';
import { runDue, startCycleChat, type CycleChat } from '../support/chat';

// A cycle's requests and escalation are queued on the clock the bot was given, not the machine's:
// on a clock behind the machine's (here January 2025) they used to wait in the outbox until the
// given clock caught up with the machine's, so the owners heard nothing.
useTestDatabase();
let clock = new Date('2025-01-03T12:00:00Z');
let bot: BotApp;
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];

beforeAll(async () => {
  ({ bot, stub, chat } = await startCycleChat('cycle-clock-secret', () => clock));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

async function day(iso: string) {
  clock = new Date(iso);
  return runDue(bot, stub.calls);
}
const to = (calls: Recorded[], who: string) =>
  calls.filter((c) => c.path.includes(`dm-${who}`) || String(c.body.channel) === `D-${who}`);

test('requests and the escalation reach Teams and Slack when their jobs run on the given clock', async () => {
  for (const who of ['29:ann', '29:meg', '29:pat']) await chat.say(who, 'hello');
  await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2024/25',
      opensOn: '2025-01-06',
      dueOn: '2025-01-17',
      by: 'pat@cycle.gov.uk',
    },
    clock,
  );

  // Opening day, 09:00 GMT: the forms go at once to Ann (Teams) and Sam (Slack).
  const opening = await day('2025-01-06T09:00:00Z');
  expect(JSON.stringify(to(opening.teams, '29:ann'))).toContain('Q3 2024/25: please report on this target');
  expect(JSON.stringify(to(opening.slack, 'USAM'))).toContain('Q3 2024/25: please report on this target');

  // The working day after the due date, nobody having reported: Meg, Sam's line manager, is told.
  const escalation = await day('2025-01-20T09:00:00Z');
  expect(JSON.stringify(to(escalation.teams, '29:meg'))).toContain('Escalation: Sam Slack has not reported');
});
