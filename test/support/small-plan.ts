import path from 'node:path';
import { importPlanFile } from '../../services/plan/import';
import { loadSnapshot, type PlanSnapshot } from '../../services/plan/snapshot';
import { useTestDatabase } from './database';

/**
 * This test file's database with test/fixtures/small-plan.yaml imported before its tests; returns
 * a getter of the plan snapshot loaded after the import.
 */
export function useSmallPlan(): () => PlanSnapshot {
  useTestDatabase();
  let plan: PlanSnapshot | undefined;
  beforeAll(async () => {
    await importPlanFile(path.join(__dirname, '..', 'fixtures', 'small-plan.yaml'), 20 * 1024 * 1024, {
      by: 't@t.gov.uk',
    });
    plan = await loadSnapshot();
  });
  return () => {
    if (!plan) throw new Error('The small plan is imported in beforeAll');
    return plan;
  };
}
