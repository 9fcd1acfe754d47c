import { fits } from '../../../cards/fits';
import { Job } from '../../../models';
import type { BroadcastFormDeps } from '../../../services/broadcast/broadcast';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { publishWorkshop } from '../../../services/workshop/publish';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Workshop reminders are "n days before" in London wall time: the same 10:00 the workshop starts,
// GMT or BST as each day falls (2027: BST from Sun 28 March, GMT again from Sun 31 October).
useTestDatabase();
let clock = new Date('2027-03-01T09:00:00Z');
const deps: BroadcastFormDeps = {
  now: () => clock,
  log: createLogger('silent'),
  links: new Links('https://bot.example'),
  approvalOver: 100,
  fits,
  invitation: async () => ({ kind: 'notice', text: 'x', suggestions: [] }),
};
beforeAll(() => importFixture('test/fixtures/consultation-plan.yaml'));

const workshop = (id: string, starts: string) => ({
  id,
  title: `Corporate plan workshop ${id}`,
  starts,
  ends: '12:00',
  place: 'Town Hall, Committee Room 1',
  capacity: 10,
  audience: 'list: ann@consult.gov.uk',
});

/** The workshop's reminder jobs as [days, UTC instant], soonest first. */
async function reminders(id: string, sequence = 0) {
  const jobs = await Job.find({
    kind: 'workshop-reminder',
    'payload.workshop': id,
    'payload.sequence': sequence,
  })
    .sort({ at: 1 })
    .lean();
  return jobs.map((j) => [Number(j.payload.days), new Date(j.at).toISOString()]);
}

test('10:00 on 1 April 2027 (BST): 10:00 GMT on 25 March and 10:00 BST on 31 March', async () => {
  await publishWorkshop(workshop('spring', '2027-04-01 10:00'), 'pat@consult.gov.uk', deps);
  expect(await reminders('spring')).toEqual([
    [7, '2027-03-25T10:00:00.000Z'],
    [1, '2027-03-31T09:00:00.000Z'],
  ]);
});

test('10:00 on 2 November 2027 (GMT): 10:00 BST on 26 October and 10:00 GMT on 1 November', async () => {
  await publishWorkshop(workshop('autumn', '2027-11-02 10:00'), 'pat@consult.gov.uk', deps);
  expect(await reminders('autumn')).toEqual([
    [7, '2027-10-26T09:00:00.000Z'],
    [1, '2027-11-01T10:00:00.000Z'],
  ]);
});

test('a workshop moved across a change gets its new reminders in London time too', async () => {
  await publishWorkshop(workshop('moved', '2027-03-18 10:00'), 'pat@consult.gov.uk', deps);
  expect(await reminders('moved')).toEqual([
    [7, '2027-03-11T10:00:00.000Z'],
    [1, '2027-03-17T10:00:00.000Z'],
  ]);
  clock = new Date('2027-03-10T09:00:00Z');
  await publishWorkshop(workshop('moved', '2027-04-01 10:00'), 'pat@consult.gov.uk', deps);
  expect(await reminders('moved', 1)).toEqual([
    [7, '2027-03-25T10:00:00.000Z'],
    [1, '2027-03-31T09:00:00.000Z'],
  ]);
});
