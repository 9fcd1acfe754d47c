import { fits } from '../../../cards/fits';
import { Delivery } from '../../../models';
import type { WorkshopView } from '../../../services/answers/views';
import { broadcastJobs, type BroadcastFormDeps } from '../../../services/broadcast/broadcast';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { workshopJobs } from '../../../services/workshop/jobs';
import { cancelWorkshop, publishWorkshop } from '../../../services/workshop/publish';
import { replyToWorkshop } from '../../../services/workshop/reply';
import { workshopInvitation } from '../../../services/workshop/view';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// A cancelled workshop must never reach anyone as "You are attending" (issue 12): a reminder queued
// just before the cancellation, and not yet sent, is stopped with it; the cancellation itself goes.
useTestDatabase();
let clock = new Date('2027-03-01T09:00:00Z');
const links = new Links('https://bot.example', 'a-link-secret-for-tests');
const deps: BroadcastFormDeps = {
  now: () => clock,
  log: createLogger('silent'),
  links,
  approvalOver: 100,
  fits,
  invitation: (_kind, subject) => workshopInvitation(subject, links),
};
beforeAll(() => importFixture('test/fixtures/consultation-plan.yaml'));

test('a reminder still queued when the workshop is cancelled is stopped; the cancellation goes', async () => {
  await publishWorkshop(
    {
      id: 'parks-strategy',
      title: 'Parks strategy workshop',
      starts: '2027-03-16 14:00',
      ends: '16:00',
      place: 'Town Hall',
      link: 'https://teams.microsoft.com/l/meetup-join/parks',
      capacity: 10,
      audience: 'list: ann@consult.gov.uk',
    },
    'pat@consult.gov.uk',
    deps,
  );
  await broadcastJobs(deps)['broadcast-send']?.(
    { broadcast: 'workshop:parks-strategy' },
    { id: 'send', at: clock },
  );
  await Delivery.updateMany({ batch: 'workshop:parks-strategy' }, { $set: { status: 'sent' } });
  const ann = {
    personId: 'ann@consult.gov.uk',
    account: 'teams:29:ann',
    name: 'Ann Teams',
    platform: 'teams' as const,
    address: { conversation: { id: 'a:dm-29:ann' } },
  };
  expect(await replyToWorkshop('parks-strategy', ann, 'attend', deps)).toMatchObject({
    answer: 'You are attending',
  });

  clock = new Date('2027-03-09T14:00:00Z');
  await workshopJobs(deps)['workshop-reminder']?.(
    { workshop: 'parks-strategy', days: 7, sequence: 0 },
    { id: 'reminder', at: clock },
  );
  const reminder = '>ann@consult.gov.uk';
  expect(await Delivery.findOne({ batch: 'workshop-reminders:parks-strategy' }).lean()).toMatchObject({
    status: 'pending',
  });

  await cancelWorkshop('parks-strategy', 'pat@consult.gov.uk', deps);
  const deliveries = await Delivery.find({ person: 'ann@consult.gov.uk' }).sort({ _id: 1 }).lean();
  const byBatch = Object.fromEntries(deliveries.map((d) => [d.batch, d]));
  expect(String(byBatch['workshop-reminders:parks-strategy']?._id)).toContain(reminder);
  expect(byBatch['workshop-reminders:parks-strategy']?.status).toBe('cancelled');
  const told = byBatch['workshop-cancelled:parks-strategy'];
  expect(told?.status).toBe('pending');
  expect(told?.message).toMatchObject({
    header: 'Cancelled: this workshop will not take place',
    cancelled: true,
    readOnly: true,
    places: '',
  });
  const message = told?.message as WorkshopView;
  expect([message.answer, message.link, message.calendarUrl]).toEqual([undefined, undefined, undefined]);
});
