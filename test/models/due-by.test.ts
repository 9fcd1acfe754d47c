import { Delivery, Job } from '../../models';
import { EARLIEST_DUE } from '../../models/due-by';
import { dueDeliveries } from '../../services/delivery/due';
import { dueJobs } from '../../services/scheduling/due-jobs';
import { useTestDatabase } from '../support/database';

// The outbox's and the scheduler's due reads, bounded below so the embedded database can stop
// after the first few in date order: they must pick exactly what "due by now, oldest first" picks.
useTestDatabase();

const NOW = new Date('2026-11-30T10:00:00Z');
const minutesBefore = (m: number) => new Date(NOW.getTime() - m * 60_000);

const delivery = (id: string, status: string, nextAt: Date) => ({
  _id: id,
  batch: 'b',
  person: 'p@x.gov.uk',
  platform: 'teams',
  address: { teamsUser: 't' },
  message: { kind: 'notice', text: id },
  status,
  nextAt,
});

test('dueDeliveries: pending and due by now, the oldest first, up to the limit', async () => {
  await Delivery.insertMany([
    delivery('late', 'pending', minutesBefore(1)),
    delivery('sent', 'sent', minutesBefore(50)),
    delivery('oldest', 'pending', minutesBefore(40)),
    delivery('future', 'pending', minutesBefore(-5)),
    delivery('middle', 'pending', minutesBefore(20)),
    delivery('now', 'pending', NOW),
    delivery('floor', 'pending', EARLIEST_DUE),
  ]);
  expect((await dueDeliveries(NOW, 10)).map((d) => d._id)).toEqual([
    'floor',
    'oldest',
    'middle',
    'late',
    'now',
  ]);
  expect((await dueDeliveries(NOW, 2)).map((d) => d._id)).toEqual(['floor', 'oldest']);
  expect(await dueDeliveries(minutesBefore(60), 10)).toHaveLength(1);
});

test('dueJobs: due and not done, the oldest first, up to the limit', async () => {
  await Job.insertMany([
    { _id: 'j-done', kind: 'k', at: minutesBefore(30), state: 'done' },
    { _id: 'j-2', kind: 'k', at: minutesBefore(10), state: 'due' },
    { _id: 'j-1', kind: 'k', at: minutesBefore(20), state: 'due' },
    { _id: 'j-later', kind: 'k', at: minutesBefore(-1), state: 'due' },
  ]);
  expect((await dueJobs(NOW, 10)).map((j) => j._id)).toEqual(['j-1', 'j-2']);
  expect((await dueJobs(NOW, 1)).map((j) => j._id)).toEqual(['j-1']);
});
