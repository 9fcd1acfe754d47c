import { Cycle, Delivery } from '../../../models';
import { createLogger } from '../../../services/log/logger';
import { submitUpdate } from '../../../services/target-update/submit';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { runCli } from '../../support/processes';

// `npm run cycle -- open … --meeting … --meeting-on …` and `npm run cycle -- close …` as a policy
// officer runs them: the committee's dates are checked and kept, and closing queues the cycle's
// performance report for the policy team, as closing in chat does.
useTestDatabase();
const CYCLE = 'cycle-borough:q3-2026-27';

beforeAll(async () => {
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
});

const open = (...more: string[]) =>
  runCli('services/cycle/cli.ts', [
    'open',
    '--plan',
    'cycle-borough',
    '--name',
    'Q3 2026/27',
    '--opens',
    '2027-01-04',
    '--due',
    '2027-01-15',
    '--by',
    'pat@cycle.gov.uk',
    ...more,
  ]);

test('impossible committee dates are refused with the reason, and nothing is opened', async () => {
  const refused = await open('--meeting', 'Cabinet', '--meeting-on', '2027-01-11').catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(refused).toMatchObject({ code: 1 });
  expect((refused as { stderr: string }).stderr).toContain(
    'Not opened: The meeting (Cabinet on 11 Jan 2027) must be after the date updates are due (15 Jan 2027).',
  );
  expect(await Cycle.countDocuments()).toBe(0);
});

test('a cycle opened for Cabinet keeps its meeting and deadline; closing queues its report', async () => {
  const opened = await open('--meeting', 'Cabinet', '--meeting-on', '2027-02-22');
  expect(opened.stdout).toContain('report ready by 2027-02-12');
  expect(await Cycle.findById(CYCLE).lean()).toMatchObject({
    meeting: { name: 'Cabinet', on: '2027-02-22' },
    reportDeadline: '2027-02-12',
  });
  const result = await submitUpdate(
    {
      cycleId: CYCLE,
      targetId: 'cycle-borough:ED.1/1',
      personId: 'ann@cycle.gov.uk',
      channel: 'teams',
      values: { value: '47', asOf: '2026-12-31' },
    },
    createLogger('silent'),
    new Date('2027-01-05T10:00:00Z'),
  );
  expect(result.ok).toBe(true);

  const closed = await runCli(
    'services/cycle/cli.ts',
    ['close', '--name', 'Q3 2026/27', '--by', 'pat@cycle.gov.uk'],
    {
      LINK_SECRET: 'a-shared-link-secret',
    },
  );
  expect(closed.stdout).toContain('Closed cycle-borough:q3-2026-27');
  expect(closed.stdout).toContain('The performance report is queued for the policy team.');
  const [queued] = await Delivery.find({ batch: `report:${CYCLE}` }).lean();
  expect(queued?.person).toBe('pat@cycle.gov.uk');
  expect(JSON.stringify(queued?.message)).toContain('/files/report/');
});
