import { Job } from '../../../models';
import { openCycle } from '../../../services/cycle/open';
import { risksInScope } from '../../../services/risk/jobs';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Which risks a cycle asks to be re-scored (issue 15, item 3): those linked to a target in its scope,
// the target's priority or aim; every open risk when the whole plan is in scope.
useTestDatabase();
const AT = new Date('2027-01-03T10:00:00Z');
const open = (name: string, extra: { aim?: string; targets?: string[] }) =>
  openCycle(
    {
      plan: 'risk-borough',
      name,
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@risk.gov.uk',
      ...extra,
    },
    AT,
  );

beforeAll(async () => {
  await importFixture('test/fixtures/risk-plan.yaml', 'pat@risk.gov.uk');
});

test('an aim in scope: the risks linked to its targets (R12 → ED.1/1), one job for its owner', async () => {
  const opened = await open('Education Q3', { aim: 'education' });
  expect(opened.riskOwners).toBe(1);
  const risks = await risksInScope({ _id: opened.id, plan: 'risk-borough', scope: 'aim education' });
  expect(risks.map((r) => r.key)).toEqual(['R12']);
  const job = await Job.findById(`risk-review:${opened.id}:ann@risk.gov.uk`).lean();
  expect(job).toMatchObject({ kind: 'risk-review', at: new Date('2027-01-04T09:00:00Z') });
});

test('a target in scope brings in the risks linked to its priority (R3 → EN.1)', async () => {
  const opened = await open('Streets Q3', { targets: ['EN.1/2'] });
  const risks = await risksInScope({ _id: opened.id, plan: 'risk-borough', scope: '1 listed' });
  expect(risks.map((r) => r.key)).toEqual(['R3']);
});

test('the whole plan in scope: every open risk, one job per owner', async () => {
  const opened = await open('All Q3', {});
  expect(opened.riskOwners).toBe(3);
  expect(
    (await risksInScope({ _id: opened.id, plan: 'risk-borough', scope: 'all' })).map((r) => r.key),
  ).toEqual(['R12', 'R3', 'R5']);
});
