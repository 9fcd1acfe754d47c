import { Audit, CycleTarget, Plan, Target, Update } from '../../../models';
import { openCycle } from '../../../services/cycle/open';
import { createLogger } from '../../../services/log/logger';
import { submitUpdate, type Submission } from '../../../services/target-update/submit';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Submissions in flight at the same time share their reads and writes (services/target-update/
// store.ts): each must still be answered for itself, stored once, and leave its own target, cycle
// row and audit row — a double click arriving as two deliveries at once included.
useTestDatabase();
const log = createLogger('silent');
const now = new Date('2027-01-05T10:00:00Z');
let cycle: string;

beforeAll(async () => {
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
  ({ id: cycle } = await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@cycle.gov.uk',
    },
    now,
  ));
});

const submission = (targetId: string, personId: string, value: string): Submission => ({
  cycleId: cycle,
  targetId,
  personId,
  channel: 'teams',
  values: { value, asOf: '2026-12-31', commentary: 'On track.', correctiveAction: 'Keep going.' },
});

test('a double click arriving as two deliveries at once is stored once and answered twice', async () => {
  const revision = (await Plan.findById('cycle-borough').lean())?.revision ?? 0;
  const twice = submission('cycle-borough:ED.1/1', 'ann@cycle.gov.uk', '47');
  const answers = await Promise.all([submitUpdate(twice, log, now), submitUpdate(twice, log, now)]);

  expect(answers.map((a) => a.ok)).toEqual([true, true]);
  const notes = answers.map((a) => (a.view.kind === 'submitted' ? (a.view.note ?? '') : a.view.kind));
  expect(notes.filter((n) => n.includes('Already recorded'))).toHaveLength(1);
  const stored = await Update.find({ cycle, target: 'ED.1/1' }).lean();
  expect(stored).toHaveLength(1);
  const target = await Target.findById('cycle-borough:ED.1/1').lean();
  expect(target?.latest).toMatchObject({ update: stored[0]?._id, value: 47 });
  expect(await CycleTarget.findById(`${cycle}|cycle-borough:ED.1/1`).lean()).toMatchObject({
    submitted: { update: stored[0]?._id, by: 'ann@cycle.gov.uk' },
  });
  expect(await Audit.countDocuments({ entityId: 'cycle-borough:ED.1/1', event: 'update' })).toBe(1);
  expect((await Plan.findById('cycle-borough').lean())?.revision).toBeGreaterThan(revision);
});

test('different owners submitting at once each get their own answer, target and audit row', async () => {
  const [ann, sam, refused] = await Promise.all([
    submitUpdate(submission('cycle-borough:ED.1/1', 'ann@cycle.gov.uk', '48'), log, now),
    submitUpdate(submission('cycle-borough:ED.1/2', 'sam@cycle.gov.uk', '12'), log, now),
    // Not Ann's target: refused, and nothing of it written.
    submitUpdate(submission('cycle-borough:EN.1/2', 'ann@cycle.gov.uk', '3'), log, now),
  ]);
  expect(ann).toMatchObject({ ok: true, view: { kind: 'submitted', by: 'Ann Owner' } });
  expect(sam).toMatchObject({ ok: true, view: { kind: 'submitted' } });
  expect(refused).toMatchObject({ ok: false, view: { kind: 'notice' } });

  const latest = async (id: string) => (await Target.findById(id).lean())?.latest;
  expect(await latest('cycle-borough:ED.1/1')).toMatchObject({ value: 48, by: 'ann@cycle.gov.uk' });
  expect((await Target.findById('cycle-borough:ED.1/1').lean())?.previous).toMatchObject({ value: 47 });
  expect(await latest('cycle-borough:ED.1/2')).toMatchObject({ value: 12, by: 'sam@cycle.gov.uk' });
  expect(await Update.countDocuments({ cycle, target: 'EN.1/2' })).toBe(0);
  expect(await CycleTarget.findById(`${cycle}|cycle-borough:EN.1/2`).lean()).not.toHaveProperty('submitted');
  expect(await Audit.countDocuments({ entityId: 'cycle-borough:ED.1/2', event: 'update' })).toBe(1);
  expect(await Audit.countDocuments({ entityId: 'cycle-borough:EN.1/2', event: 'update' })).toBe(0);
});
