import type { BotApp } from '../../bot/app';
import { RSVP } from '../../cards/slack/broadcast';
import { WorkshopReply } from '../../models';
import { publishWorkshop } from '../../services/workshop/publish';
import { broadcastDeps, runDue, startConsultationChat, type ConsultationChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';

// Issue 12 item 8, over real HTTP on simulated days: workshop reminders and consultation nudges
// reach Teams and Slack at the London wall time across both clock changes of 2027 (BST from Sun
// 28 March, GMT from Sun 31 October) — not an hour early in spring nor an hour late in autumn, as
// they were when "n days before" was n × 24 hours in UTC.
useTestDatabase();
const SECRET = 'clock-secret';
let clock = new Date('2027-03-01T09:00:00Z');
let bot: BotApp;
let stub: ConsultationChat['stub'];
let chat: ConsultationChat['chat'];
const deps = broadcastDeps(() => clock, 10);

beforeAll(async () => {
  ({ bot, stub, chat } = await startConsultationChat(SECRET, () => clock));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

/** What Ann (Teams) and Bob (Slack) were sent when the clock reached `iso`, as JSON text each. */
async function at(iso: string): Promise<{ ann: string[]; bob: string[] }> {
  clock = new Date(iso);
  const sent = await runDue(bot, stub.calls);
  const text = (calls: Recorded[]) => calls.map((c) => JSON.stringify(c.body));
  return {
    ann: text(sent.teams.filter((c) => c.path.startsWith('/v3/conversations/a:dm-29:ann/activities'))),
    bob: text(sent.slack.filter((c) => c.body.channel === 'D-UBOB')),
  };
}
const nothing = { ann: [], bob: [] };
const oneEach = (sent: { ann: string[]; bob: string[] }, ...words: string[]) => {
  for (const messages of [sent.ann, sent.bob]) {
    expect(messages).toHaveLength(1);
    for (const word of words) expect(messages[0]).toContain(word);
  }
};

const workshop = (id: string, starts: string) => ({
  id,
  title: `Priorities workshop (${id})`,
  starts,
  ends: '12:00',
  place: 'Town Hall, Committee Room 1',
  capacity: 10,
  audience: 'list: ann@consult.gov.uk, bob@consult.gov.uk',
});
const consultation = (title: string, closes: string) => ({
  do: 'send',
  title,
  summary: 'What should the council do first? Tell us before it closes.',
  questions: 'single: Do you agree? | Yes | No',
  closes,
  nudgeDays: '2',
  audience: 'list: ann@consult.gov.uk, bob@consult.gov.uk',
});

/** Bob's Attend in Slack, answered after the acknowledgement: waits until his place is recorded. */
async function bobAttends(id: string): Promise<void> {
  const res = await chat.slack({
    type: 'block_actions',
    team: { id: 'T1', domain: 'consult' },
    user: { id: 'UBOB', username: 'bob', name: 'Bob Slack', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: `trigger-${id}`,
    channel: { id: 'D-UBOB', name: 'directmessage' },
    message: { ts: '1774000000.000100', type: 'message', text: '' },
    actions: [{ type: 'button', action_id: RSVP.attend, block_id: 'b', value: id, action_ts: '1' }],
  });
  expect(res.status).toBe(200);
  for (let i = 0; i < 250; i++) {
    if (await WorkshopReply.exists({ workshop: id, answer: 'attending', platform: 'slack' })) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Bob's place at ${id} was never recorded`);
}

test('workshop reminders and consultation nudges keep London wall time across both clock changes', async () => {
  for (const who of ['29:pat', '29:ann']) await chat.say(who, 'hello');
  await publishWorkshop(workshop('spring', '2027-04-01 10:00'), 'pat@consult.gov.uk', deps);
  await publishWorkshop(workshop('autumn', '2027-11-02 10:00'), 'pat@consult.gov.uk', deps);
  for (const [title, closes] of [
    ['Spring budget', '2027-03-29 17:00'],
    ['Autumn budget', '2027-11-01 17:00'],
  ] as const)
    expect(await chat.execute('29:pat', 'composeConsultation', consultation(title, closes))).toContain(
      `Sending \\"${title}\\" now`,
    );
  const invited = await at('2027-03-01T09:00:00Z');
  expect(invited.ann).toHaveLength(4);
  expect(invited.bob).toHaveLength(4);
  for (const id of ['spring', 'autumn']) {
    expect(await chat.execute('29:ann', 'rsvpWorkshop', { workshop: id, answer: 'attend' })).toContain(
      'You are attending',
    );
    await bobAttends(id);
  }

  // Spring, 10:00 BST on 1 April: the 7-day reminder at 10:00 GMT on 25 March, not 09:00.
  expect(await at('2027-03-25T09:00:00Z')).toEqual(nothing);
  oneEach(
    await at('2027-03-25T10:00:00Z'),
    'Reminder: this workshop is in 7 days',
    'Priorities workshop (spring)',
  );
  // The nudge two days before 17:00 BST on 29 March: 17:00 GMT on the 27th, not 16:00.
  expect(await at('2027-03-27T16:00:00Z')).toEqual(nothing);
  oneEach(await at('2027-03-27T17:00:00Z'), 'Reminder: this consultation closes', 'Spring budget');
  // The day before: 10:00 BST on 31 March.
  expect(await at('2027-03-31T08:59:00Z')).toEqual(nothing);
  oneEach(
    await at('2027-03-31T09:00:00Z'),
    'Reminder: this workshop is tomorrow',
    'Priorities workshop (spring)',
  );

  // Autumn, 10:00 GMT on 2 November: the 7-day reminder at 10:00 BST on 26 October, not 11:00.
  expect(await at('2027-10-26T08:59:00Z')).toEqual(nothing);
  oneEach(
    await at('2027-10-26T09:00:00Z'),
    'Reminder: this workshop is in 7 days',
    'Priorities workshop (autumn)',
  );
  // The nudge two days before 17:00 GMT on 1 November: 17:00 BST on 30 October, not 18:00.
  expect(await at('2027-10-30T15:59:00Z')).toEqual(nothing);
  oneEach(await at('2027-10-30T16:00:00Z'), 'Reminder: this consultation closes', 'Autumn budget');
  // The day before: 10:00 GMT on 1 November.
  expect(await at('2027-11-01T09:59:00Z')).toEqual(nothing);
  oneEach(
    await at('2027-11-01T10:00:00Z'),
    'Reminder: this workshop is tomorrow',
    'Priorities workshop (autumn)',
  );
});
