import { type BotApp } from '../../bot/app';
import { Audit, Person, Update } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { startCycleChat, type CycleChat } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { slackEvents } from './slack/events';

// Issue 13, item 6: every change is audited (who, when, channel, old → new) and the policy team
// reads the trail in chat. Real HTTP on Teams (activities, an Action.Execute submit) and Slack
// (signed /plan commands), the real database, the cycle-plan fixture.
useTestDatabase();
const SECRET = 'audit-secret';
let clock = new Date('2026-12-21T10:00:00Z');
let bot: BotApp;
let base: string;
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];
const CYCLE = 'cycle-borough:q3-2026-27';
const REASON = 'Ofsted **letter** [read it](https://evil.example/phish) <!channel>';

/** A /plan command from `user` in Slack; resolves with the acknowledgement's text. */
const slack = async (user: string, text: string) =>
  (await slackEvents(base, SECRET).command(text, user)).text;
/** The rows the services wrote about `entityId` (an import's rows, which have no event, left out). */
const rowsAbout = async (entityId: string) =>
  (await Audit.find({ entityId }).sort({ at: 1, _id: 1 }).lean()).filter((r) => r.event);

beforeAll(async () => {
  ({ bot, base, stub, chat } = await startCycleChat(SECRET, () => clock));
  // Pat, of the policy team, and Meg, staff, on Slack too.
  await Person.updateOne({ _id: 'pat@cycle.gov.uk' }, { $set: { slackId: 'UPAT' } });
  await Person.updateOne({ _id: 'meg@cycle.gov.uk' }, { $set: { slackId: 'UMEG' } });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

test('leave in Teams and in Slack is audited with its channel, before and after', async () => {
  expect(await chat.say('29:lou', "I'm away until 20 January 2027")).toContain(
    'you are away until 20 Jan 2027',
  );
  expect(await slack('USAM', "I'm on leave until 3 Feb 2027")).toContain('you are away until 3 Feb 2027');
  clock = new Date('2026-12-22T10:00:00Z');
  expect(await chat.say('29:lou', "I'm back")).toContain('Welcome back');
  // Saying it again changes nothing, so it records nothing.
  expect(await chat.say('29:lou', "I'm back")).toContain('Welcome back');

  expect(await rowsAbout('lou@cycle.gov.uk')).toMatchObject([
    {
      by: 'lou@cycle.gov.uk',
      channel: 'teams',
      event: 'leave',
      at: new Date('2026-12-21T10:00:00Z'),
      before: { awayUntil: null },
      after: { awayUntil: '2027-01-20' },
      summary: 'Leave: away until 20 Jan 2027 (was not away)',
    },
    {
      channel: 'teams',
      before: { awayUntil: '2027-01-20' },
      after: { awayUntil: null },
      summary: 'Leave: back (was away until 20 Jan 2027)',
    },
  ]);
  expect(await rowsAbout('sam@cycle.gov.uk')).toMatchObject([
    { by: 'sam@cycle.gov.uk', channel: 'slack', event: 'leave', after: { awayUntil: '2027-02-03' } },
  ]);
});

test('assigning an owner (Teams) and a deputy (Slack) is audited per target, old → new', async () => {
  expect(await chat.say('29:pat', 'assign ED.1/1 to dan@cycle.gov.uk')).toContain(
    'Dan Deputy is now owner of 1 target',
  );
  expect(await slack('UPAT', 'assign ED.1 deputy to meg@cycle.gov.uk')).toContain(
    'Meg Manager is now deputy of 2 targets',
  );
  expect(await rowsAbout('cycle-borough:ED.1/1')).toMatchObject([
    {
      by: 'pat@cycle.gov.uk',
      channel: 'teams',
      event: 'assign',
      plan: 'cycle-borough',
      before: { owner: 'ann@cycle.gov.uk' },
      after: { owner: 'dan@cycle.gov.uk' },
      summary: 'Owner of ED.1/1: ann@cycle.gov.uk → dan@cycle.gov.uk',
    },
    { channel: 'slack', summary: 'Deputy of ED.1/1: none → meg@cycle.gov.uk' },
  ]);
  expect(await Audit.countDocuments({ event: 'assign' })).toBe(3);
  // Assigned again to the same person: nothing changed, nothing recorded.
  await chat.say('29:pat', 'assign ED.1/1 to dan@cycle.gov.uk');
  expect(await Audit.countDocuments({ event: 'assign' })).toBe(3);
});

test('opening and closing a cycle, and an update with its RAG overridden, are audited', async () => {
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
  expect(await rowsAbout(CYCLE)).toMatchObject([
    {
      by: 'pat@cycle.gov.uk',
      channel: 'cli',
      action: 'create',
      event: 'cycle-open',
      after: { name: 'Q3 2026/27', targetCount: 4, dueOn: '2027-01-15' },
      summary: 'Cycle Q3 2026/27 opened: 4 targets, due 15 Jan 2027',
    },
  ]);

  clock = new Date('2027-01-05T10:00:00Z');
  const data = { cycle: CYCLE, target: 'cycle-borough:ED.1/1', value: '47', asOf: '2026-12-31' };
  expect(
    await chat.execute('29:dan', 'submitUpdate', {
      ...data,
      rag: 'red',
      overrideReason: REASON,
      commentary: 'Results are late.',
      correctiveAction: 'Chasing the exam board.',
    }),
  ).toContain('Submitted by Dan Deputy');
  const update = await Update.findOne({ target: 'ED.1/1' }).lean();
  expect(update?.suggestedRag).toBeDefined();
  expect(update?.suggestedRag).not.toBe('red');
  const [, , update1, override] = await rowsAbout('cycle-borough:ED.1/1');
  expect(update1).toMatchObject({
    by: 'dan@cycle.gov.uk',
    channel: 'teams',
    event: 'update',
    before: null,
    after: { value: 47, rag: 'red', asOf: '2026-12-31' },
    summary: 'Update of ED.1/1: 47% (◆ Red) as of 31 Dec 2026',
  });
  expect(override).toMatchObject({
    event: 'rag-override',
    before: { rag: update?.suggestedRag },
    after: { rag: 'red', overrideReason: REASON },
  });
  expect(override?.summary).toContain('◆ Red reported. Reason: Ofsted');

  clock = new Date('2027-01-16T10:00:00Z');
  expect(await slack('UPAT', 'close cycle Q3 2026/27')).toContain('Its forms no longer take updates');
  expect((await rowsAbout(CYCLE))[1]).toMatchObject({
    by: 'pat@cycle.gov.uk',
    channel: 'slack',
    event: 'cycle-close',
    before: { status: 'open' },
    after: { status: 'closed', closedOn: '2027-01-16' },
    summary: 'Cycle Q3 2026/27 closed on 16 Jan 2027 (was open)',
  });
});

test('"changes to ED.1" answers the policy team in Teams: when, who, channel, what changed', async () => {
  const reply = await chat.say('29:pat', 'changes to ED.1');
  expect(reply).toContain('Changes to ED.1');
  expect(reply).toContain('RAG of ED.1/1 overridden');
  expect(reply).toContain('Update of ED.1/1: 47% (◆ Red) as of 31 Dec 2026');
  expect(reply).toContain('5 Jan 2027, 10:00 · Dan Deputy · Teams');
  expect(reply).toContain('Deputy of ED.1/2: none → meg@cycle.gov.uk');
  expect(reply).toContain('Owner of ED.1/1: ann@cycle.gov.uk → dan@cycle.gov.uk');
  expect(reply).toContain('22 Dec 2026, 10:00 · Pat Policy · Teams');
  // The import that created them is part of their history.
  expect(reply).toContain('Target ED.1/1 added');
  expect(reply).not.toContain('EN.1');

  const target = await chat.say('29:pat', 'changes to ED.1/1?');
  expect(target).toContain('Changes to ED.1/1');
  expect(target).not.toContain('ED.1/2');
});

test('"audit since 1 Jan" reads a UK date in London time, newest first, a page at a time', async () => {
  const since = await chat.say('29:pat', 'audit since 1 Jan');
  expect(since).toContain('Audit trail since 1 Jan 2027');
  expect(since).toContain('Cycle Q3 2026/27 closed on 16 Jan 2027');
  expect(since).not.toContain('Leave:');
  expect(since.indexOf('closed on 16 Jan')).toBeLessThan(since.indexOf('Update of ED.1/1'));

  const all = await chat.say('29:pat', 'audit');
  expect(all).toContain('more: audit @8');
  const next = await chat.say('29:pat', 'more: audit @8');
  expect(next).toContain('Showing 9–16 of');
  expect(await chat.say('29:pat', 'audit since the day after tomorrow')).toContain('No changes are recorded');
  expect(await chat.say('29:pat', 'audit since whenever')).toContain(
    'read \\"whenever\\" as a date', // quotes escaped: the reply is JSON text
  );
});

test('Slack: the policy team reads the trail; anybody else is politely refused, in both channels', async () => {
  const trail = await slack('UPAT', 'audit');
  expect(trail).toContain('Audit trail');
  expect(trail).toContain('Cycle Q3 2026/27 closed on 16 Jan 2027 (was open)');
  expect(trail).toContain('Pat Policy · Slack');

  expect(await slack('UMEG', 'changes to ED.1')).toContain('Only the policy team can read the audit trail.');
  expect(await chat.say('29:meg', 'changes to ED.1')).toContain(
    'Only the policy team can read the audit trail.',
  );
  expect(await chat.say('29:ann', 'audit')).toContain('Only the policy team can read the audit trail.');
  // "changes to" about something that is not a code stays a question about the plan.
  expect(await chat.say('29:meg', 'changes to street cleaning')).not.toContain('audit trail');
});

test('user text in the trail is inert: the override reason shows as typed in Teams and Slack', async () => {
  const before = stub.calls.length;
  await chat.say('29:pat', 'changes to ED.1/1');
  const card = JSON.stringify(stub.calls.slice(before));
  // Teams: every line is a TextRun (plain text on every client); no TextBlock is left to read Markdown.
  expect(card).toContain(`"type":"TextRun","text":"RAG of ED.1/1 overridden`);
  expect(card).not.toContain('"type":"TextBlock"');
  // Slack: <!channel> is escaped (no @channel ping) and the Markdown link stays text.
  const slackText = await slack('UPAT', 'changes to ED.1/1');
  expect(slackText).toContain('&lt;!channel&gt;');
  expect(slackText).not.toContain('<!channel>');
  expect(slackText).not.toContain('<https://evil.example');
});
