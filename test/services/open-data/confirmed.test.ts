import { SignOff } from '../../../models';
import { confirmedTest } from '../../../services/open-data/confirmed';
import { useTestDatabase } from '../../support/database';

// Which updates the open data may use, read from the sign-off record (models/sign-off.ts).
useTestDatabase();
const PLAN = 'p';
const at = new Date('2027-01-10T09:00:00Z');
const row = (update: string, step: number, decision: string, steps?: number) => ({
  _id: `${update}|${step}`,
  update,
  plan: PLAN,
  target: `${PLAN}:T.1`,
  step,
  decision,
  ...(steps === undefined ? {} : { steps }),
  by: 'head@council.gov.uk',
  at,
  channel: 'teams',
});

test('confirmed: no chain, or approved at its last step; not: pending, returned, or of unknown length', async () => {
  await SignOff.insertMany([
    row('p:pending', 0, 'submitted', 2),
    row('p:pending', 1, 'approved'),
    row('p:done', 0, 'submitted', 2),
    row('p:done', 1, 'approved'),
    row('p:done', 2, 'approved'),
    row('p:returned', 0, 'submitted', 1),
    row('p:returned', 1, 'returned'),
    row('p:unknown', 1, 'approved'),
    row('p:zero', 0, 'submitted', 0),
  ]);
  const confirmed = await confirmedTest(PLAN);
  expect(
    ['p:never-needed', 'p:done', 'p:pending', 'p:returned', 'p:unknown', 'p:zero'].map((u) => [
      u,
      confirmed(u),
    ]),
  ).toEqual([
    ['p:never-needed', true],
    ['p:done', true],
    ['p:pending', false],
    ['p:returned', false],
    ['p:unknown', false],
    ['p:zero', false],
  ]);
});
