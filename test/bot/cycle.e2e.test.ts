import { type BotApp } from '../../bot/app';
import { Delivery, Update } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';
import { runDue, slackModalSubmission, startCycleChat, type CycleChat } from '../support/chat';

// A whole monitoring cycle over real HTTP, on simulated days: open → requests reach owners in
// Teams and Slack → submissions (valid, invalid then valid, by a deputy for someone on leave,
// none) → reminders and an escalation → status and cycle status show the results.
useTestDatabase();
const SECRET = 'cycle-secret';
let clock = new Date('2026-12-21T10:00:00Z');
let bot: BotApp;
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];

beforeAll(async () => {
  ({ bot, stub, chat } = await startCycleChat(SECRET, () => clock));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const say = (from: string, text: string) => chat.say(from, text);
const submitTeams = (from: string, data: Record<string, unknown>, replyToId = 'card-1') =>
  chat.execute(from, 'submitUpdate', data, replyToId);
const slack = (payload: object) => chat.slack(payload);

/** Moves the clock, runs what is due and drains the outbox; returns what reached the platforms. */
async function day(iso: string) {
  clock = new Date(iso);
  return runDue(bot, stub.calls);
}
const to = (calls: Recorded[], who: string) =>
  calls.filter((c) => c.path.includes(`dm-${who}`) || String(c.body.channel) === `D-${who}`);

test('a whole cycle: requests, submissions, leave, reminders, escalation, status', async () => {
  // Everyone on Teams has talked to the bot once, so it can reach them 1:1; Slack users are known by id.
  for (const who of ['29:ann', '29:lou', '29:dan', '29:meg', '29:pat']) await say(who, 'hello');
  expect(await say('29:lou', "I'm away until 20 January 2027")).toContain('you are away until 20 Jan 2027');

  const opened = await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@cycle.gov.uk',
    },
    clock,
  );
  expect(opened).toMatchObject({ id: 'cycle-borough:q3-2026-27', targets: 4, owners: 4 });
  expect(opened.schedule.map((s) => s.key)).toEqual(['request', 'reminder-5', 'reminder-1', 'escalation']);

  // Nothing is due before the opening day.
  expect(await day('2027-01-03T12:00:00Z')).toEqual({ teams: [], slack: [] });

  // Opening day, 09:00 London: one form per target, Lou's going to Dan, the deputy.
  const opening = await day('2027-01-04T09:01:00Z');
  expect(to(opening.teams, '29:ann')).toHaveLength(1);
  expect(JSON.stringify(to(opening.teams, '29:ann'))).toContain(
    'Q3 2026/27: please report on this target by 15 Jan 2027',
  );
  expect(to(opening.teams, '29:lou')).toHaveLength(0);
  expect(JSON.stringify(to(opening.teams, '29:dan'))).toContain(
    'Lou Leave is away until 20 Jan 2027; you are the deputy',
  );
  expect(to(opening.slack, 'USAM')).toHaveLength(1);
  expect(to(opening.slack, 'UNED')).toHaveLength(1);
  expect(JSON.stringify(to(opening.slack, 'USAM'))).toContain('open_update');

  // Ann submits in Teams: the card comes back as "submitted by"; a double click counts once.
  const data = {
    cycle: 'cycle-borough:q3-2026-27',
    target: 'cycle-borough:ED.1/1',
    value: '47',
    asOf: '2026-12-31',
  };
  clock = new Date('2027-01-05T10:00:00Z');
  expect(await submitTeams('29:ann', data)).toContain('Submitted by Ann Owner');
  expect(await submitTeams('29:ann', data)).toContain('Already recorded');
  expect(await Update.countDocuments({ target: 'ED.1/1' })).toBe(1);
  expect(stub.calls.some((c) => c.method === 'PUT' && c.path.includes('card-1'))).toBe(true);

  // Someone who is not the owner is refused; a forged cycle or target changes nothing.
  expect(await submitTeams('29:meg', { ...data, value: '99' })).toContain('Only the target');
  expect(await submitTeams('29:ann', { ...data, target: 'cycle-borough:EN.1/2' })).toContain(
    'Only the target',
  );
  expect(await submitTeams('29:ann', { ...data, target: 'other-plan:X/1' })).toContain('not part of');
  expect(await Update.countDocuments()).toBe(1);

  // Sam, in Slack: the button opens the modal; a bad value comes back beside the field, then a good one.
  const open = await slack({
    type: 'block_actions',
    team: { id: 'T1', domain: 'cycle' },
    user: { id: 'USAM', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trig-1',
    channel: { id: 'D-USAM', name: 'dm' },
    message: { ts: '111.1', type: 'message', text: '' },
    actions: [
      {
        type: 'button',
        action_id: 'open_update',
        block_id: 'b',
        value: `${data.cycle}|cycle-borough:ED.1/2`,
        action_ts: '1',
      },
    ],
  });
  expect(open.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  expect(JSON.stringify(stub.calls.filter((c) => c.path === '/api/views.open'))).toContain('submit_update');
  const meta = `${data.cycle}|cycle-borough:ED.1/2|D-USAM|111.1`;
  const bad = await slack(slackModalSubmission('USAM', meta, { value: 'two', asOf: '2026-12-31' }));
  expect(JSON.parse(bad.text)).toMatchObject({
    response_action: 'errors',
    errors: { value: expect.stringContaining('Enter a number') },
  });
  const future = await slack(slackModalSubmission('USAM', meta, { value: '2', asOf: '2027-02-01' }));
  expect(JSON.parse(future.text).errors.asOf).toContain('cannot be in the future');
  const good = await slack(
    slackModalSubmission('USAM', meta, {
      value: '2',
      asOf: '2026-12-31',
      commentary: 'One school left special measures.',
      correctiveAction: 'Monitoring visits to the last school this term.',
    }),
  );
  expect(good.text).toContain('Submitted by Sam Slack');
  await new Promise((r) => setTimeout(r, 100));
  expect(stub.calls.some((c) => c.path === '/api/chat.update')).toBe(true);

  // Dan submits for Lou, who is on leave. Red needs commentary: first without, then with.
  const lou = { cycle: data.cycle, target: 'cycle-borough:EN.1/1', value: '70', asOf: '2026-12-31' };
  expect(await submitTeams('29:dan', lou)).toContain('Commentary is required for Red');
  expect(
    await submitTeams('29:dan', {
      ...lou,
      commentary: '<b>Fleet</b> off the road @everyone',
      correctiveAction: 'Hired sweepers until the fleet is back.',
    }),
  ).toContain('Submitted by Dan Deputy');

  // Reminders go only to Ned, who has not reported; then the escalation to his manager and the policy team.
  const remind5 = await day('2027-01-08T09:01:00Z');
  expect(remind5.teams).toHaveLength(0);
  expect(remind5.slack.map((c) => c.body.channel)).toEqual(['D-UNED']);
  expect(JSON.stringify(remind5.slack)).toContain('Reminder');
  const remind1 = await day('2027-01-14T09:01:00Z');
  expect(remind1.slack.map((c) => c.body.channel)).toEqual(['D-UNED']);
  const escalation = await day('2027-01-18T09:01:00Z');
  expect(to(escalation.teams, '29:meg')).toHaveLength(1);
  expect(to(escalation.teams, '29:pat')).toHaveLength(1);
  expect(JSON.stringify(escalation.teams)).toContain('Escalation: Ned Never has not reported 1 target');
  expect(escalation.slack).toHaveLength(0);
  // Nothing is sent twice, however often the scheduler and outbox run.
  expect(await day('2027-01-19T09:01:00Z')).toEqual({ teams: [], slack: [] });
  expect(await Delivery.countDocuments({ status: 'sent' })).toBe(4 + 1 + 1 + 2);

  // "status of ED.1" shows the new value, RAG and as-of date; "cycle status" counts are right.
  await new Promise((r) => setTimeout(r, 2100)); // the plan snapshot re-reads revisions every 2 s
  const status = await say('29:meg', 'status of ED.1');
  expect(status).toContain('47% as of 31 Dec 2026');
  expect(status).toContain('● Green');
  expect(status).toContain('2 as of 31 Dec 2026');
  expect(status).toContain('◆ Red'); // down is good: 2 against an interim of 1
  expect(await say('29:meg', 'cycle status')).toContain('Only the policy team');
  const cycle = await say('29:pat', 'cycle status');
  expect(cycle).toContain('3 submitted · 0 outstanding · 1 overdue');
  expect(cycle).toContain('Ned Never');
  expect(cycle).toContain('Remind outstanding now');

  // Ownership is set by the policy team in chat, and only by them.
  expect(await say('29:meg', 'assign ED.1 to meg@cycle.gov.uk')).toContain('Only the policy team');
  expect(await say('29:pat', 'assign ED.1 deputy to dan@cycle.gov.uk')).toContain(
    'Dan Deputy is now deputy of 2 targets',
  );
  expect(await say('29:pat', 'assign ED.1 to nobody@cycle.gov.uk')).toContain('is not in the plan');

  // Closing: the policy team only, and only a named cycle; then its forms take nothing more.
  expect(await say('29:meg', 'close cycle Q3 2026/27')).toContain('Only the policy team');
  expect(await say('29:pat', 'close cycle')).toContain('Say which cycle to close');
  expect(await say('29:pat', 'close cycle Q9')).toContain('no monitoring cycle called');
  expect(await say('29:pat', 'close cycle Q3 2026/27')).toContain('with 3 of 4 targets updated');
  expect(await say('29:pat', 'close the cycle q3 2026/27')).toContain('already closed on 19 Jan 2027');
  const stored = await Update.countDocuments({});
  expect(await submitTeams('29:ann', { ...data, value: '52' })).toContain('closed on 19 Jan 2027');
  expect(await Update.countDocuments({})).toBe(stored);
  const cycleStatusAfter = await say('29:pat', 'cycle status Q3 2026/27');
  expect(cycleStatusAfter).toContain('3 submitted');
});
