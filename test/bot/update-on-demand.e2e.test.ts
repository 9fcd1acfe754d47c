import { type BotApp } from '../../bot/app';
import { openCycle } from '../../services/cycle/open';
import { startCycleChat, type CycleChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { slackHeaders } from '../support/slack-signing';

// A service manager opens their update form when they choose, not only when the request arrives:
// "my targets" has a button per target waiting in an open cycle, and "update ED.1" opens the form.
// Teams: the button is an Action.Execute that turns the card into the form. Slack: it opens the
// same modal as a request's button. Real HTTP, real database, the cycle-plan fixture.
useTestDatabase();
const SECRET = 'on-demand-secret';
const clock = new Date('2027-01-05T10:00:00Z');
const CYCLE = 'cycle-borough:q3-2026-27';
const ED11 = 'cycle-borough:ED.1/1';
const ED12 = 'cycle-borough:ED.1/2';
let bot: BotApp;
let base: string;
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];

beforeAll(async () => {
  ({ bot, base, stub, chat } = await startCycleChat(SECRET, () => clock));
  // Education only: EN.1 is in the plan but not asked for.
  await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      aim: 'education',
      by: 'pat@cycle.gov.uk',
    },
    new Date('2026-12-21T10:00:00Z'),
  );
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const openTeams = (from: string, target: string, cycle = CYCLE) =>
  chat.execute(from, 'openUpdate', { cycle, target }, 'my-targets-card');
const slackUser = (user: string) => ({
  team: { id: 'T1', domain: 'cycle' },
  user: { id: user, team_id: 'T1' },
  api_app_id: 'A1',
  token: 'x',
});

test('Teams: "my targets" → Update this target → the form → submitted', async () => {
  const mine = await chat.say('29:ann', 'my targets');
  expect(mine).toContain('1 to report in Q3 2026/27');
  expect(mine).toContain('Q3 2026/27: to report by 15 Jan 2027');
  expect(mine).toContain(JSON.stringify({ cycle: CYCLE, target: ED11 }));
  expect(mine).toContain('"verb":"openUpdate"');

  const form = await openTeams('29:ann', ED11);
  expect(form).toContain('Q3 2026/27: please report on this target by 15 Jan 2027.');
  expect(form).toContain('"verb":"submitUpdate"');
  expect(form).toContain('Actual value (%)');

  const data = { cycle: CYCLE, target: ED11, value: '47', asOf: '2026-12-31' };
  expect(await chat.execute('29:ann', 'submitUpdate', data, 'my-targets-card')).toContain(
    'Submitted by Ann Owner',
  );
  // The card the button was on becomes "submitted" for everyone in the conversation.
  expect(stub.calls.some((c) => c.method === 'PUT' && c.path.includes('my-targets-card'))).toBe(true);

  expect(await chat.say('29:ann', 'my targets')).toContain('Q3 2026/27: reported');
  // Asked again, the form says it replaces what was reported.
  const again = await chat.say('29:ann', 'update ED.1');
  expect(again).toContain('Q3 2026/27: already reported');
  expect(again).toContain('submitting again replaces it');
});

test('"update ED.1": the one waiting target\'s form, a choice of several, or why not', async () => {
  // The policy team may report on any target: ED.1/1 is in, so ED.1/2 is the one waiting.
  const pat = await chat.say('29:pat', 'update ED.1');
  expect(pat).toContain(JSON.stringify({ cycle: CYCLE, target: ED12 }));
  expect(pat).toContain('please report on this target by 15 Jan 2027');
  expect(pat).toContain('To reduce schools in special measures (BV48).');
  const data = { cycle: CYCLE, target: ED12, value: '1', asOf: '2026-12-31' };
  expect(await chat.execute('29:pat', 'submitUpdate', data)).toContain('Submitted by Pat Policy');
  // None waiting, two reported: a choice, with a button each, to correct either.
  const both = await chat.say('29:pat', 'report on ed1');
  expect(both).toContain('ED.1: which target?');
  expect(both).toContain(JSON.stringify({ cycle: CYCLE, target: ED11 }));
  expect(both).toContain(JSON.stringify({ cycle: CYCLE, target: ED12 }));
  // A target named outright opens its own form.
  expect(await chat.say('29:pat', 'update ED.1/2')).toContain('Q3 2026/27: already reported');

  expect(await chat.say('29:meg', 'update ED.1')).toContain(
    'Only the owner (Ann Owner, Sam Slack), the deputy or the policy team can report on ED.1.',
  );
  expect(await chat.say('29:lou', 'update EN.1')).toContain(
    'EN.1 is not asked for in an open monitoring cycle, so there is no update form for it just now.',
  );
  expect(await chat.say('29:ann', 'update ED.9')).toContain(
    "I couldn't find ED.9 in the plan — did you mean ED.1 or EN.1?",
  );
  expect(await chat.say('29:stranger', 'my targets')).toContain(
    "I don't know which person in the plan you are yet, so I can't list your targets.",
  );
});

test('the button checks who is pressing it, and forged or stale cards open nothing', async () => {
  // Meg is not the owner: refused even with a genuine cycle and target in the card's data.
  expect(await openTeams('29:meg', ED11)).toContain("Only the target's owner (Ann Owner)");
  expect(await openTeams('29:ann', 'cycle-borough:EN.1/1')).toContain(
    'That update request is no longer valid.',
  );
  expect(await chat.execute('29:ann', 'openUpdate', { cycle: { $ne: 1 }, target: ED11 })).toContain(
    'That card could not be read',
  );
});

test('Slack: "my targets" has a button per waiting target that opens the update modal', async () => {
  const { text } = await chat.slack({
    type: 'block_actions',
    ...slackUser('USAM'),
    trigger_id: 'trig-0',
    channel: { id: 'D-USAM', name: 'dm' },
    message: { ts: '200.1', type: 'message', text: '' },
    actions: [{ type: 'button', action_id: 'ask_0', block_id: 'b', value: 'my targets', action_ts: '1' }],
  });
  expect(text).toBe('');
  const posted = await waitForCall('/api/chat.postMessage', 0);
  expect(JSON.stringify(posted.body)).toContain('open_update_0');
  expect(JSON.stringify(posted.body)).toContain(`${CYCLE}|${ED12}`);

  const opened = stub.calls.length;
  await chat.slack({
    type: 'block_actions',
    ...slackUser('USAM'),
    trigger_id: 'trig-1',
    channel: { id: 'D-USAM', name: 'dm' },
    message: { ts: '200.2', type: 'message', text: '' },
    actions: [
      {
        type: 'button',
        action_id: 'open_update_0',
        block_id: 'b',
        value: `${CYCLE}|${ED12}`,
        action_ts: '1',
      },
    ],
  });
  const modal = await waitForCall('/api/views.open', opened);
  expect(JSON.stringify(modal.body)).toContain('submit_update');
  // A list is not a request: submitting does not turn the "my targets" message into "submitted".
  expect(JSON.stringify(modal.body)).toContain(`"private_metadata\\":\\"${CYCLE}|${ED12}\\"`);

  // "/plan update ED.1": Sam's one target of ED.1, already reported, with the request's own button.
  const body = new URLSearchParams({
    command: '/plan',
    text: 'update ED.1',
    user_id: 'USAM',
    channel_id: 'D-USAM',
    team_id: 'T1',
    response_url: `${stub.url}/respond`,
    trigger_id: 't',
  }).toString();
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, 'application/x-www-form-urlencoded'),
    body,
  });
  const update = await res.text();
  expect(update).toContain('Q3 2026/27: already reported');
  expect(update).toContain('"action_id":"open_update","style":"primary"');
});

test("a closed cycle's button says so and opens nothing", async () => {
  expect(await chat.say('29:pat', 'close cycle Q3 2026/27')).toContain('Its forms no longer take updates');
  expect(await openTeams('29:ann', ED11)).toContain('closed on 5 Jan 2027; updates are no longer taken');
  expect(await chat.say('29:ann', 'update ED.1')).toContain('not asked for in an open monitoring cycle');
});

/** The first call to `path` after the `after`-th recorded call (Slack handlers post after acking). */
async function waitForCall(path: string, after: number) {
  for (let i = 0; i < 200; i++) {
    const found = stub.calls.slice(after).find((c) => c.path === path);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no call to ${path}`);
}
