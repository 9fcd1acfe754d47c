import type { BotApp } from '../../bot/app';
import { publishWorkshop } from '../../services/workshop/publish';
import { broadcastDeps, runDue, startConsultationChat, type ConsultationChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';

// What a council officer saw on workshop cards, over real HTTP in Teams and Slack (issue 12):
// an invitation with an online link had five buttons, every title cut ("Att…", "Dec…"); a
// cancelled workshop still said "You are attending" beside a Join button; the broadcast status
// printed all 42 addresses of its audience above the counts.
useTestDatabase();
const SECRET = 'workshop-cards-secret';
const clock = new Date('2027-03-01T09:00:00Z');
let bot: BotApp;
let stub: ConsultationChat['stub'];
let chat: ConsultationChat['chat'];
const deps = broadcastDeps(() => clock, 100);

beforeAll(async () => {
  ({ bot, stub, chat } = await startConsultationChat(SECRET, () => clock));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

interface Action {
  type: string;
  title: string;
  mode?: string;
}
interface Card {
  body: Record<string, unknown>[];
  actions?: Action[];
}
type Block = Record<string, unknown> & { type: string };

/** The card a Teams message carried. */
const teamsCard = (call: Recorded | undefined): Card =>
  (call?.body.attachments as { content: Card }[] | undefined)?.[0]?.content ?? { body: [] };
/** The blocks a Slack message carried (form-encoded as a JSON string). */
const slackBlocks = (call: Recorded | undefined): Block[] =>
  JSON.parse(String(call?.body.blocks ?? '[]')) as Block[];
const toTeams = (calls: Recorded[], user: string) =>
  calls.filter((c) => c.path.startsWith(`/v3/conversations/a:dm-${user}/activities`));
const toSlack = (calls: Recorded[], user: string) => calls.filter((c) => c.body.channel === `D-${user}`);
/** The buttons a Teams card shows in its row (the overflow button, when there is one, counted). */
const row = (card: Card) => {
  const primary = (card.actions ?? []).filter((a) => a.mode !== 'secondary');
  const secondary = (card.actions ?? []).filter((a) => a.mode === 'secondary');
  return { primary: primary.map((a) => a.title), secondary: secondary.map((a) => a.title) };
};
const slackButtons = (blocks: Block[]) =>
  blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as { type: string; text?: { text: string } }[]);
const HEADLINE = 'Cancelled: this workshop will not take place';
const LIST = [
  'ann@consult.gov.uk',
  'cllr@consult.gov.uk',
  'bob@consult.gov.uk',
  ...Array.from({ length: 39 }, (_, i) => `officer${i + 1}@consult.gov.uk`),
];

const id = 'line-of-sight';
let invited: { teams: Recorded[]; slack: Recorded[] };

test('an invitation with an online link: three buttons and the links in the overflow menu (Teams), three buttons (Slack)', async () => {
  for (const who of ['29:pat', '29:ann', '29:cllr']) await chat.say(who, 'hello');
  await publishWorkshop(
    {
      id,
      title: 'Line of sight: from priorities to team plans',
      description: 'How each team plan serves the corporate priorities.',
      starts: '2027-03-16 14:00',
      ends: '16:00',
      place: 'Town Hall, Committee Room 1',
      link: 'https://teams.microsoft.com/l/meetup-join/line-of-sight',
      capacity: 12,
      audience: `list: ${LIST.join(', ')}`,
    },
    'pat@consult.gov.uk',
    deps,
  );
  invited = await runDue(bot, stub.calls);

  // Teams: Attend, Decline and Maybe as buttons; the links in the overflow (⋯) menu.
  const invitation = teamsCard(toTeams(invited.teams, '29:ann')[0]);
  expect(row(invitation)).toEqual({
    primary: ['Attend', 'Decline', 'Maybe'],
    secondary: ['Join online', 'Add to calendar'],
  });
  expect(JSON.stringify(invitation.body)).toContain('Town Hall, Committee Room 1, or online');
  // Slack: at most four buttons; the meeting and calendar links are in the text.
  const slackInvitation = slackBlocks(toSlack(invited.slack, 'UBOB')[0]);
  expect(slackButtons(slackInvitation).map((b) => b.text?.text)).toEqual(['Attend', 'Decline', 'Maybe']);
  expect(JSON.stringify(slackInvitation)).toContain('|Join online>');
});

test('the broadcast status: the counts first, then the audience in one line, not 42 addresses', async () => {
  const status = teamsCard(
    JSON.parse(await chat.say('29:pat', `broadcast status workshop:${id}`)).find((c: Recorded) =>
      JSON.stringify(c.body).includes('"Sent"'),
    ),
  );
  const texts = JSON.stringify(status.body);
  expect(texts).toContain(
    'To 3 people (list: ann@consult.gov.uk, cllr@consult.gov.uk, bob@consult.gov.uk and 39 more)',
  );
  expect(texts).not.toContain('officer1@consult.gov.uk');
  expect(texts.indexOf('"Sent"')).toBeLessThan(texts.indexOf('To 3 people'));
});

test('a cancelled workshop: the cancellation is the headline, with no answer, link or button, in both channels', async () => {
  // Ann (Teams) and Bob (Slack) take places; then the workshop is cancelled.
  expect(await chat.execute('29:ann', 'rsvpWorkshop', { workshop: id, answer: 'attend' })).toContain(
    'You are attending',
  );
  const click = await chat.slack({
    type: 'block_actions',
    team: { id: 'T1', domain: 'consult' },
    user: { id: 'UBOB', username: 'bob', name: 'Bob Slack', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trigger-1',
    channel: { id: 'D-UBOB', name: 'directmessage' },
    message: { ts: '1767520800.000100', type: 'message', text: '' },
    actions: [{ type: 'button', action_id: 'rsvp_attend', block_id: 'b', value: id, action_ts: '1' }],
  });
  expect(click.status).toBe(200);
  // Bob's answer is recorded once his invitation is updated to show it.
  for (let i = 0; i < 250 && !stub.calls.some((c) => c.path === '/api/chat.update'); i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(stub.calls.some((c) => c.path === '/api/chat.update')).toBe(true);
  expect(await chat.say('29:pat', `cancel workshop ${id}`)).toContain('Cancelled');
  const told = await runDue(bot, stub.calls);

  // Teams: the cancellation is the headline; no answer, places, link or button.
  const cancelled = teamsCard(toTeams(told.teams, '29:ann')[0]);
  const cancelledText = JSON.stringify(cancelled);
  expect(JSON.stringify(cancelled.body[0])).toContain(HEADLINE);
  expect(cancelled.actions ?? []).toEqual([]);
  for (const gone of ['You are attending', 'Join online', 'Add to calendar', 'places left', 'meetup-join'])
    expect(cancelledText).not.toContain(gone);
  // Slack: the same, the headline in the header block.
  const slackCancelled = slackBlocks(toSlack(told.slack, 'UBOB')[0]);
  expect(slackCancelled[0]).toMatchObject({ type: 'header', text: { text: HEADLINE } });
  expect(slackButtons(slackCancelled)).toEqual([]);
  for (const gone of ['You are attending', 'Join online', 'Add to calendar', 'places left', 'meetup-join'])
    expect(JSON.stringify(slackCancelled)).not.toContain(gone);

  // An old invitation's Attend, pressed after the cancellation, shows it cancelled, with nothing to press.
  const pressed = await chat.execute('29:cllr', 'rsvpWorkshop', { workshop: id, answer: 'attend' });
  expect(pressed).toContain(HEADLINE);
  expect(pressed).not.toContain('Action.');
  expect(pressed).not.toContain('You are attending');
});
