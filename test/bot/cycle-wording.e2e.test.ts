import type { BotApp } from '../../bot/app';
import { openCycle } from '../../services/cycle/open';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { runDue, slackModalSubmission, startCycleChat, type CycleChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';

// Issue 12 (11), what a council officer flagged in a monitoring cycle, over real HTTP on simulated
// days (the cycle-plan fixture; Q3 2026/27 due Friday 15 Jan 2027):
// - Slack field errors name the field that is wrong, whole (not cut mid-word);
// - a reminder sent after the due date says overdue, and by how many days;
// - the escalation reads as one sentence, and offers each recipient something they can do;
// - people are named, not shown as email addresses;
// - "what's off track?" shows each target's RAG and opens its status.
useTestDatabase();
const SECRET = 'wording-secret';
const CYCLE = 'cycle-borough:q3-2026-27';
let clock = new Date('2026-12-21T10:00:00Z');
let bot: BotApp;
let close: () => void;
let stub: CycleChat['stub'];
let chat: CycleChat['chat'];

beforeAll(async () => {
  // Every question reads the latest plan: no waiting for the snapshot's 2-second check.
  ({ bot, close, stub, chat } = await startCycleChat(SECRET, () => clock, {
    catalogue: new PlanCatalogue(0),
  }));
  for (const who of ['29:ann', '29:lou', '29:dan', '29:meg', '29:pat']) await chat.say(who, 'hello');
  await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@cycle.gov.uk',
    },
    clock,
  );
});
afterAll(async () => {
  close();
  await stub.close();
});

async function day(iso: string) {
  clock = new Date(iso);
  return runDue(bot, stub.calls);
}
const to = (calls: Recorded[], who: string) =>
  calls.filter((c) => c.path.includes(`dm-${who}`) || String(c.body.channel) === `D-${who}`);

const modal = (user: string, target: string, values: Record<string, string>) =>
  slackModalSubmission(user, `${CYCLE}|${target}`, values);

test('Slack: each wrong field has its own error, whole', async () => {
  await day('2027-01-04T09:01:00Z');
  clock = new Date('2027-01-05T10:00:00Z');
  // Not a number: the value is wrong, and nothing else (ED.1/2 has a numeric target and a direction).
  const bad = await chat.slack(modal('USAM', 'cycle-borough:ED.1/2', { value: 'two', asOf: '2026-12-31' }));
  expect(JSON.parse(bad.text)).toEqual({
    response_action: 'errors',
    errors: { value: 'Enter a number — "two" is not one.' },
  });
  // A RAG other than the suggested one, with no reason: the whole message, not cut mid-word.
  const other = await chat.slack(
    modal('USAM', 'cycle-borough:ED.1/2', {
      value: '0',
      asOf: '2026-12-31',
      rag: 'red',
      commentary: 'x',
      correctiveAction: 'y',
    }),
  );
  expect(JSON.parse(other.text)).toEqual({
    response_action: 'errors',
    errors: {
      overrideReason:
        'The figures give ● Green (Green: 0 against 1.49 expected by 31 Dec 2026; at or better than expected). Give a reason for ◆ Red.',
    },
  });
});

test('a reminder after the due date says overdue; the escalation reads well and offers what each can do', async () => {
  // Friday 15 Jan is the due date; on Monday the policy team reminds the outstanding at 08:00.
  await day('2027-01-14T09:01:00Z');
  clock = new Date('2027-01-18T08:00:00Z');
  expect(await chat.say('29:pat', 'remind outstanding')).toContain('Reminding');
  const reminded = await runDue(bot, stub.calls);
  const ned = JSON.stringify(to(reminded.slack, 'UNED'));
  expect(ned).toContain(
    "Reminder — Q3 2026/27: this target's update is overdue — it was due by 15 Jan 2027, 3 days ago; please report on it now.",
  );
  expect(ned).not.toContain('is due by');

  const escalation = await day('2027-01-18T09:01:00Z');
  const aboutNed = (calls: Recorded[]) =>
    JSON.stringify(calls.filter((c) => JSON.stringify(c).includes('Ned Never')));
  const meg = aboutNed(to(escalation.teams, '29:meg'));
  const pat = aboutNed(to(escalation.teams, '29:pat'));
  expect(meg).toContain('Escalation: Ned Never has not reported 1 target in');
  // One sentence, one full stop: the target's own full stop is not doubled.
  expect(meg).toContain('due 15 Jan 2027: EN.1 — To increase household waste recycled (BV82a).');
  expect(meg).not.toContain('(BV82a)..');
  // The line manager is not in the policy team: the priority, not "my targets" or cycle status.
  expect(meg).toContain('"ask":"status of EN.1"');
  expect(meg).not.toContain('my targets');
  expect(meg).not.toContain('cycle status');
  expect(pat).toContain('"ask":"cycle status Q3 2026/27"');
  expect(pat).toContain('"ask":"remind outstanding for Q3 2026/27"');
});

test('a form opened after the due date says it is overdue', async () => {
  clock = new Date('2027-01-19T10:00:00Z');
  expect(await chat.say('29:pat', 'update EN.1/2')).toContain(
    "Q3 2026/27: this target's update is overdue — it was due by 15 Jan 2027, 4 days ago; please report on it now.",
  );
});

test('people are named, not shown as email addresses', async () => {
  const status = await chat.say('29:meg', 'status of EN.1');
  expect(status).toContain('Owner: Lou Leave');
  expect(status).toContain('Owner: Ned Never');
  expect(status).not.toContain('@cycle.gov.uk');
  const refused = await chat.say('29:meg', 'update EN.1');
  expect(refused).toContain('Only the owner (Lou Leave, Ned Never)');
  const form = { cycle: CYCLE, target: 'cycle-borough:ED.1/1', value: '47', asOf: '2026-12-31' };
  const notOwner = await chat.execute('29:meg', 'submitUpdate', form);
  expect(notOwner).toContain("Only the target's owner (Ann Owner)");
  expect(notOwner).not.toContain('@cycle.gov.uk');
  const cycle = await chat.say('29:pat', 'cycle status');
  expect(cycle).toContain('Ned Never');
  expect(cycle).not.toContain('@cycle.gov.uk');
});

test('"what\'s off track?" shows each target with its RAG as a word and a button to its status', async () => {
  clock = new Date('2027-01-19T11:00:00Z');
  const lou = { cycle: CYCLE, target: 'cycle-borough:EN.1/1', value: '70', asOf: '2026-12-31' };
  expect(
    await chat.execute('29:dan', 'submitUpdate', {
      ...lou,
      commentary: 'Fleet off the road.',
      correctiveAction: 'Hired sweepers until the fleet is back.',
    }),
  ).toContain('Submitted by Dan Deputy');
  const reply = JSON.parse(await chat.say('29:meg', "what's off track?")) as {
    body: Record<string, unknown>;
  }[];
  const card = JSON.stringify(reply[0]?.body);
  expect(card).toContain('Targets at Red or Amber');
  expect(card).toContain('◆ Red');
  expect(card).toContain('To raise street cleanliness scores (BV199)');
  expect(card).toContain('Owner: Lou Leave');
  expect(card).toContain(
    JSON.stringify({
      type: 'Action.Execute',
      title: 'Open EN.1',
      verb: 'ask',
      data: { ask: 'status of EN.1' },
    }),
  );
  const opened = await chat.execute('29:meg', 'ask', { ask: 'status of EN.1' });
  expect(opened).toContain('Cleaner streets.');
  expect(opened).toContain('◆ Red');
  expect(opened).toContain('70% as of 31 Dec 2026');
});
