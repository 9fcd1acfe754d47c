import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Plan } from '../../../models';
import { exportPlan } from '../../../services/plan/export';
import { importPlan, importPlanFile } from '../../../services/plan/import';
import { writePlanFile } from '../../../services/plan-file/write';
import { planFileSchema } from '../../../services/plan-file/schema';
import { useTestDatabase } from '../../support/database';
import { JOB_TITLE, PLAN, welshPlanFile } from './fixture';

// The open-data settings a plan file carries — the plan's `openData.owners` and each person's
// `jobTitle` — round-trip in every form: exported, imported into an empty database and exported
// again, the file is the same; imported over the database it came from, nothing changes.
const db = useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-open-data-file-'));
const MAX = 20 * 1024 * 1024;

test.each(['yaml', 'json', 'csv', 'xlsx'])(
  'openData.owners and jobTitle round-trip through .%s',
  async (form) => {
    await db.reset();
    await importPlan(planFileSchema.parse(welshPlanFile('jobTitle')), { by: 'policy@ynysmon.gov.uk' });
    const first = await exportPlan(PLAN);
    expect(first.plan.openData).toEqual({ owners: 'jobTitle' });
    expect(first.people.find((p) => p.id === 'sian.jones@ynysmon.gov.uk')?.jobTitle).toBe(JOB_TITLE);
    const file = path.join(dir, `plan.${form}`);
    await writePlanFile(file, first);
    const revision = (await Plan.findById(PLAN).lean())?.revision;
    const over = await importPlanFile(file, MAX, { by: 'test' });
    expect(over.changed).toBe(false);
    expect((await Plan.findById(PLAN).lean())?.revision).toBe(revision);

    await db.reset();
    await importPlanFile(file, MAX, { by: 'test' });
    const again = path.join(dir, `again.${form}`);
    await writePlanFile(again, await exportPlan(PLAN));
    if (form === 'xlsx') expect(await exportPlan(PLAN)).toEqual(first);
    else expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
  },
);

test('a plan file that says nothing about open data exports nothing about it', async () => {
  await db.reset();
  await importPlan(planFileSchema.parse(welshPlanFile()), { by: 'policy@ynysmon.gov.uk' });
  expect((await exportPlan(PLAN)).plan).not.toHaveProperty('openData');
});
