import { Cycle, CycleTarget, Job } from '../../../models';
import { CycleError, openCycle } from '../../../services/cycle/open';
import { useTestDatabase } from '../../support/database';
import { importFixture } from '../../support/bot-app';

useTestDatabase();
const base = {
  plan: 'cycle-borough',
  name: 'Q4 2026/27',
  opensOn: '2027-04-01',
  dueOn: '2027-04-16',
  by: 'pat@cycle.gov.uk',
};

beforeAll(async () => {
  await importFixture('test/fixtures/cycle-plan.yaml');
});

test('bad input is refused with a message naming it, and nothing is written', async () => {
  const refusals: [object, string][] = [
    [{ dueOn: '2027-02-30' }, 'Due date "2027-02-30" is not a real date'],
    [{ dueOn: '2027-03-01' }, 'after'],
    [{ name: '' }, 'name'],
    [{ targets: ['ED.9'] }, 'Not in plan cycle-borough: ED.9'],
    [{ aim: 'nowhere' }, 'No targets are in that scope'],
    [{ dueOn: { $gt: '' } }, 'dueOn'],
  ];
  for (const [change, message] of refusals) {
    const attempt = openCycle({ ...base, ...change } as Parameters<typeof openCycle>[0]);
    await expect(attempt).rejects.toThrow(CycleError);
    await expect(attempt).rejects.toThrow(message);
  }
  expect(await Cycle.countDocuments()).toBe(0);
  expect(await CycleTarget.countDocuments()).toBe(0);
  expect(await Job.countDocuments()).toBe(0);
});

test('an aim or a list of codes narrows the scope; a second cycle of the same name is refused', async () => {
  const opened = await openCycle({ ...base, aim: 'education' });
  expect(opened).toMatchObject({ targets: 2, owners: 2 });
  // 2 owners × (request, 2 reminders, escalation), each a persisted job.
  expect(await Job.countDocuments()).toBe(8);
  await expect(openCycle({ ...base, aim: 'education' })).rejects.toThrow('already exists');
  expect(await openCycle({ ...base, name: 'Spot check', targets: ['EN.1/2'] })).toMatchObject({ targets: 1 });
});
