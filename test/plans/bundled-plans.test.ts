import path from 'node:path';
import { Aim, Priority, Target } from '../../models';
import { exportPlan } from '../../services/plan/export';
import { importPlanFile } from '../../services/plan/import';
import { loadSnapshot } from '../../services/plan/snapshot';
import { useTestDatabase } from '../support/database';

useTestDatabase();
const plans = path.join(__dirname, '..', '..', 'plans');
const MAX = 20 * 1024 * 1024;

test('Leicester (aims → priorities → targets) and York (themes → improvements → actions → KPIs) live side by side', async () => {
  await importPlanFile(path.join(plans, 'leicester-2003.yaml'), MAX, { by: 'tester' });
  await importPlanFile(path.join(plans, 'york-2009.yaml'), MAX, { by: 'tester' });
  expect(await Aim.countDocuments({ plan: 'york-2009' })).toBe(8);
  expect(await Priority.countDocuments({ plan: 'leicester-2003' })).toBe(37);
  expect(await Target.countDocuments({ plan: 'york-2009', kind: 'kpi' })).toBe(1);
  // York's four levels in its own words, not squeezed into three (issue 15).
  expect((await exportPlan('york-2009')).plan.levels).toEqual([
    'Theme',
    '3-year improvement',
    'One-year action',
    'KPI',
  ]);

  const snapshot = await loadSnapshot();
  expect(snapshot.priorityByCode('ed1')?.targets[0]?.baseline).toMatchObject({ text: '40.7%' });
  expect(snapshot.priorityByCode('eo 1')?.plan).toBe('york-2009');
  expect(snapshot.priorityByCode('CI2')?.code).toBe('Cl. 2');
});
