import type { BotApp } from '../../bot/app';
import { WorkshopSeat } from '../../models';
import { publishWorkshop, WorkshopError } from '../../services/workshop/publish';
import { useTestDatabase } from '../support/database';
import {
  broadcastDeps,
  runDue,
  startConsultationChat,
  TEST_LINKS,
  type ConsultationChat,
} from '../support/chat';
import type { Recorded } from '../support/recording-connector';

// A workshop over real HTTP, on simulated days: published from a file's contents, invitations to
// Teams and Slack, a full workshop with a waiting list, a decline that promotes, reminders 7 days
// and 1 day before, a change and a cancellation told to those with a place.
useTestDatabase();
const SECRET = 'workshop-secret';
let clock = new Date('2027-03-01T09:00:00Z');
let bot: BotApp;
let base: string;
let stub: ConsultationChat['stub'];
let chat: ConsultationChat['chat'];
const deps = broadcastDeps(() => clock, 10);

beforeAll(async () => {
  ({ bot, base, stub, chat } = await startConsultationChat(SECRET, () => clock));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const to = (calls: Recorded[], user: string) =>
  calls.filter(
    (c) => c.path.startsWith(`/v3/conversations/a:dm-${user}/activities`) || c.body.channel === `D-${user}`,
  );

const workshop = {
  id: 'priorities-round-2',
  title: 'Corporate plan priorities: round two',
  description: 'The second round of workshops on the draft priorities.',
  starts: '2027-03-16 14:00',
  ends: '16:00',
  place: 'Town Hall, Committee Room 1',
  capacity: 1,
  audience: 'list: ann@consult.gov.uk, cllr@consult.gov.uk, bob@consult.gov.uk, ann@consult.gov.uk',
};

test('a workshop: invitations, a full house and its waiting list, reminders, a change, a cancellation', async () => {
  for (const who of ['29:pat', '29:ann', '29:cllr']) await chat.say(who, 'hello');

  // Bad files are refused with the reason and change nothing.
  await expect(
    publishWorkshop({ ...workshop, starts: '2027-02-01 10:00' }, 'pat@consult.gov.uk', deps),
  ).rejects.toThrow('must start in the future');
  await expect(publishWorkshop({ ...workshop, ends: '13:00' }, 'pat@consult.gov.uk', deps)).rejects.toThrow(
    'must end after it starts',
  );
  await expect(publishWorkshop({ ...workshop, capacity: 0 }, 'pat@consult.gov.uk', deps)).rejects.toThrow(
    WorkshopError,
  );

  const published = await publishWorkshop(workshop, 'pat@consult.gov.uk', deps);
  expect(published.text).toContain('Inviting 3 people'); // Ann listed twice: invited once
  const invited = await runDue(bot, stub.calls);
  for (const user of ['29:ann', '29:cllr', 'UBOB'])
    expect(to([...invited.teams, ...invited.slack], user)).toHaveLength(1);
  expect(JSON.stringify(invited)).toContain('1 of 1 places left');

  // Ann takes the only place (twice: a double click holds one place); the councillor waits.
  const w = 'priorities-round-2';
  expect(await chat.execute('29:ann', 'rsvpWorkshop', { workshop: w, answer: 'attend' })).toContain(
    'You are attending',
  );
  expect(await chat.execute('29:ann', 'rsvpWorkshop', { workshop: w, answer: 'attend' })).toContain(
    'You are attending',
  );
  expect(await WorkshopSeat.countDocuments({ workshop: w })).toBe(1);
  const waiting = await chat.execute('29:cllr', 'rsvpWorkshop', { workshop: w, answer: 'attend' });
  expect(waiting).toContain('number 1 on the waiting list');
  expect(waiting).toContain('Full: 1 on the waiting list');
  expect(await chat.execute('29:pat', 'rsvpWorkshop', { workshop: w, answer: 'attend' })).toContain(
    'not invited',
  );

  // Ann declines: the councillor is promoted and told.
  expect(await chat.execute('29:ann', 'rsvpWorkshop', { workshop: w, answer: 'decline' })).toContain(
    'You declined',
  );
  const promoted = await runDue(bot, stub.calls);
  expect(JSON.stringify(to(promoted.teams, '29:cllr'))).toContain('A place came free: you are now attending');

  // The calendar file and the attendee list, through signed links.
  const icsUrl = new URL(TEST_LINKS.url(`/files/workshop/${w}.ics`));
  const ics = await fetch(`${base}${icsUrl.pathname}${icsUrl.search}`);
  const calendar = await ics.text();
  expect(calendar).toContain('DTSTART:20270316T140000Z'); // 14:00 GMT
  expect(calendar).toContain('SEQUENCE:0');
  const attendees = await chat.say('29:pat', `attendees of ${w}`);
  expect(attendees).toContain('1 of 1 places taken, 0 on the waiting list');
  const csvLink = attendees
    .split('"')
    .find((s) => /^http:\/\/localhost:3978\/files\/workshop\/[^\\?]+\/attendees\.csv\?sig=[\w-]+$/.test(s))
    ?.slice('http://localhost:3978'.length);
  const csv = await (await fetch(`${base}${csvLink}`)).text();
  expect(csv).toContain('cllr@consult.gov.uk,Cllr Jones,attending');
  expect(csv).toContain('ann@consult.gov.uk,Ann Teams,declined');

  // Reminders 7 days and 1 day before go to those with a place, once each.
  clock = new Date('2027-03-09T14:00:00Z');
  const week = await runDue(bot, stub.calls);
  expect(JSON.stringify(to(week.teams, '29:cllr'))).toContain('Reminder: this workshop is in 7 days');
  expect(to(week.teams, '29:ann')).toHaveLength(0);
  expect((await runDue(bot, stub.calls)).teams).toHaveLength(0);

  // A change of room is told to those with a place; the reminders move with it.
  const changed = await publishWorkshop(
    { ...workshop, place: 'Town Hall, Council Chamber' },
    'pat@consult.gov.uk',
    deps,
  );
  expect(changed.text).toContain('Updated');
  const told = await runDue(bot, stub.calls);
  expect(JSON.stringify(to(told.teams, '29:cllr'))).toContain('Changed: place');
  expect(to(told.teams, '29:ann')).toHaveLength(0);
  clock = new Date('2027-03-15T14:00:00Z');
  const day = await runDue(bot, stub.calls);
  expect(JSON.stringify(to(day.teams, '29:cllr'))).toContain('Reminder: this workshop is tomorrow');
  expect(to(day.teams, '29:cllr')).toHaveLength(1);

  // Cancelled: those who had replied are told; the calendar file now cancels it.
  expect(await chat.say('29:ann', `cancel workshop ${w}`)).toContain('Only the policy team');
  expect(await chat.say('29:pat', `cancel workshop ${w}`)).toContain('Cancelled');
  const cancelled = await runDue(bot, stub.calls);
  expect(JSON.stringify(to(cancelled.teams, '29:cllr'))).toContain('Cancelled');
  expect(await chat.execute('29:cllr', 'rsvpWorkshop', { workshop: w, answer: 'attend' })).toContain(
    'Cancelled: this workshop will not take place',
  );
});
