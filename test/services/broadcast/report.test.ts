import { fits } from '../../../cards/fits';
import { Broadcast, Delivery, Job } from '../../../models';
import { broadcastJobs, type BroadcastFormDeps } from '../../../services/broadcast/broadcast';
import { composeConsultation } from '../../../services/consultation/compose';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

useTestDatabase();
const now = new Date('2027-01-04T09:00:00Z');
const deps: BroadcastFormDeps = {
  now: () => now,
  log: createLogger('silent'),
  links: new Links('https://bot.example'),
  approvalOver: 100,
  fits,
  invitation: async () => ({ kind: 'notice', text: 'x', suggestions: [] }),
};
beforeAll(() => importFixture('test/fixtures/consultation-plan.yaml'));

test('the author is told when the platform holds a broadcast back, and again when it is done — once each', async () => {
  await Broadcast.create({
    _id: 'consultation:c1',
    kind: 'consultation',
    subject: 'c1',
    title: 'Budget',
    audience: 'everyone',
    audienceCount: 3,
    author: 'pat@consult.gov.uk',
    status: 'sending',
    sendAt: now,
    authorAddress: { platform: 'teams', address: { conversation: { id: 'a:dm-pat' } } },
  });
  const delivery = (n: number, status: string, error?: string) => ({
    _id: `consultation:c1>p${n}`,
    batch: 'consultation:c1',
    person: `p${n}`,
    platform: 'teams',
    address: { conversation: { id: `c${n}` } },
    message: { kind: 'notice', text: 'x', suggestions: [] },
    status,
    error,
    nextAt: now,
  });
  await Delivery.insertMany([
    delivery(1, 'sent'),
    delivery(2, 'pending', '429: Too Many Requests'),
    delivery(3, 'pending', '429: Too Many Requests'),
  ]);
  const report = broadcastJobs(deps)['broadcast-report'];
  if (!report) throw new Error('no report job');
  const job = { id: 'broadcast-report:consultation:c1:1', at: now };

  expect(await report({ broadcast: 'consultation:c1', round: 1 }, job)).toBe('pending 2');
  expect(await report({ broadcast: 'consultation:c1', round: 2 }, job)).toBe('pending 2');
  const held = await Delivery.find({ _id: 'report-throttled:consultation:c1' }).lean();
  expect(held).toHaveLength(1);
  expect(JSON.stringify(held[0]?.message)).toContain('asking us to slow down (429)');
  expect(held[0]?.address).toEqual({ conversation: { id: 'a:dm-pat' } });

  await Delivery.updateMany({ batch: 'consultation:c1' }, { $set: { status: 'sent' }, $unset: { error: 1 } });
  expect(await report({ broadcast: 'consultation:c1', round: 3 }, job)).toBe('reported');
  expect(await report({ broadcast: 'consultation:c1', round: 4 }, job)).toBe('reported');
  const done = await Delivery.find({ _id: 'report:consultation:c1' }).lean();
  expect(done).toHaveLength(1);
  expect(JSON.stringify(done[0]?.message)).toContain('"sent":3');
});

test('a message too big for a platform is refused before anything is stored or sent', async () => {
  const views = await composeConsultation(
    {
      values: {
        title: 'A very long consultation',
        summary: '£'.repeat(19_000),
        questions: 'text: Anything?',
        closes: '2027-02-01',
        audience: 'everyone',
      },
      author: 'pat@consult.gov.uk',
      mode: 'send',
    },
    { ...deps, invitation: deps.invitation },
  );
  expect(views[0]?.kind).toBe('composeConsultation');
  expect(JSON.stringify(views[0])).toContain('too long for Teams (');
  expect(await Broadcast.countDocuments({ _id: /long/ })).toBe(0);
});

test('a consultation sent at a set time waits for it; its nudge and closing are scheduled', async () => {
  const views = await composeConsultation(
    {
      values: {
        title: 'Parks survey',
        summary: 'How do you use the parks near you?',
        questions: 'rating: How are the parks?',
        closes: '2027-01-20',
        nudgeDays: '3',
        audience: 'department: Housing',
        sendAt: '2027-01-05 08:30',
      },
      author: 'pat@consult.gov.uk',
      mode: 'send',
    },
    deps,
  );
  expect(JSON.stringify(views)).toContain('at Tue 5 Jan 2027, 08:30');
  const jobs = await Job.find({ _id: /parks-survey/ }, { kind: 1, at: 1 })
    .sort({ at: 1 })
    .lean();
  expect(jobs.map((j) => [j.kind, j.at.toISOString()])).toEqual([
    ['broadcast-send', '2027-01-05T08:30:00.000Z'],
    ['broadcast-report', '2027-01-05T08:31:00.000Z'],
    ['consultation-nudge', '2027-01-17T17:00:00.000Z'],
    ['consultation-close', '2027-01-20T17:00:00.000Z'],
  ]);
});
