import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Audit, Plan, Target, Update } from '../../../models';
import { exportPlan } from '../../../services/plan/export';
import { importPlanFile } from '../../../services/plan/import';
import { PlanFileError } from '../../../services/plan-file/problems';
import { writePlanFile } from '../../../services/plan-file/write';
import { countAll } from '../../support/counts';
import { useTestDatabase } from '../../support/database';

const db = useTestDatabase();
const SMALL = path.join(__dirname, '..', '..', 'fixtures', 'small-plan.yaml');
const MAX = 20 * 1024 * 1024;
const by = 'tester@test.gov.uk';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gt-import-'));

beforeEach(() => db.reset());

test('imports every entity of a plan file, with the newest update kept on the target', async () => {
  const summary = await importPlanFile(SMALL, MAX, { by });
  expect(summary).toMatchObject({
    plan: 'test-borough',
    aims: { created: 2 },
    priorities: { created: 3 },
    targets: { created: 3 },
    people: { created: 3 },
    updates: { created: 2 },
    changed: true,
  });
  const target = await Target.findById('test-borough:CS.1/1').lean();
  expect(target?.baseline).toEqual({ label: '2025/26', text: '38.2%', value: 38.2 });
  expect(target?.interim).toEqual({ label: '2027', text: 'XX%' });
  expect(target?.latest).toMatchObject({
    value: 41,
    asOf: '2026-09-30',
    rag: 'green',
    by: 'dan.deputy@test.gov.uk',
  });
  expect(target?.previous).toMatchObject({ value: 39.1, update: 'test-borough:q1-cs1' });
  expect((await Plan.findById('test-borough').lean())?.revision).toBe(1);
  expect(await Audit.countDocuments({ by, channel: 'import', action: 'create' })).toBe(1 + 3 + 2 + 3 + 3);
});

test('importing the same file twice changes nothing', async () => {
  await importPlanFile(SMALL, MAX, { by });
  const before = await countAll();
  const revision = (await Plan.findById('test-borough').lean())?.revision;
  const again = await importPlanFile(SMALL, MAX, { by });
  expect(again.changed).toBe(false);
  expect(again.targets).toMatchObject({ created: 0, changed: 0, unchanged: 3 });
  expect(await countAll()).toEqual(before);
  expect((await Plan.findById('test-borough').lean())?.revision).toBe(revision);
});

test.each(['json', 'yaml', 'csv', 'xlsx'])(
  'export to .%s and import into an empty database round-trips',
  async (type) => {
    await importPlanFile(SMALL, MAX, { by });
    const original = await exportPlan('test-borough');
    const file = path.join(tmp, `round-trip.${type}`);
    await writePlanFile(file, original);

    await db.reset();
    await importPlanFile(file, MAX, { by });
    expect(await exportPlan('test-borough')).toEqual(original);
    // …and importing the export over the data it came from is a no-op.
    expect((await importPlanFile(file, MAX, { by })).changed).toBe(false);
  },
);

test('a change is written as a change, audited with the value before and after', async () => {
  await importPlanFile(SMALL, MAX, { by });
  const plan = await exportPlan('test-borough');
  const target = plan.priorities[0]?.targets[0];
  if (!target) throw new Error('fixture has no target');
  target.text = 'To increase recycling to 50% by 2028 (BV82a).';
  // An explicit empty value clears a field (a field left out would be kept: not stated).
  (target as { deputy?: string | null }).deputy = null;
  const file = path.join(tmp, 'changed.yaml');
  await writePlanFile(file, plan);

  const summary = await importPlanFile(file, MAX, { by: 'editor@test.gov.uk' });
  expect(summary.targets).toMatchObject({ created: 0, changed: 1, unchanged: 2 });
  const stored = await Target.findById('test-borough:CS.1/1').lean();
  expect(stored?.text).toBe('To increase recycling to 50% by 2028 (BV82a).');
  expect(stored?.deputy).toBeUndefined();
  expect(stored?.latest?.value).toBe(41); // the update history is not the file's to rewrite
  const audit = await Audit.findOne({ by: 'editor@test.gov.uk', entityId: 'test-borough:CS.1/1' }).lean();
  expect(audit).toMatchObject({
    action: 'change',
    before: {
      text: 'To increase the % of household waste recycled to 45% by 2028 (BV82a).',
      deputy: 'dan.deputy@test.gov.uk',
    },
    after: { text: 'To increase recycling to 50% by 2028 (BV82a).', deputy: null },
  });
});

test('entries missing from the file are kept unless --prune is asked for', async () => {
  await importPlanFile(SMALL, MAX, { by });
  const plan = await exportPlan('test-borough');
  plan.priorities = plan.priorities.filter((p) => p.id !== 'LE.1');
  plan.updates = [];
  const file = path.join(tmp, 'smaller.json');
  await writePlanFile(file, plan);

  const kept = await importPlanFile(file, MAX, { by });
  expect(kept.priorities).toMatchObject({ notInFile: 1, removed: 0 });
  expect(await Target.exists({ _id: 'test-borough:LE.1/1' })).toBeTruthy();

  const pruned = await importPlanFile(file, MAX, { by, prune: true });
  expect(pruned.priorities).toMatchObject({ removed: 1 });
  expect(pruned.targets).toMatchObject({ removed: 1 });
  expect(await Target.exists({ _id: 'test-borough:LE.1/1' })).toBeNull();
  expect(await Update.countDocuments()).toBe(2); // history outlives the target
});

test('a file with any bad row is refused whole and writes nothing', async () => {
  await importPlanFile(SMALL, MAX, { by });
  const before = await countAll();
  const plan = await exportPlan('test-borough');
  (plan.priorities[2]?.targets[0] as unknown as Record<string, unknown>).baseline = {
    text: '2.94',
    value: 'lots',
  };
  plan.priorities.push({ ...plan.priorities[0]!, id: 'NEW.1', aliases: [], code: 'NEW.1', targets: [] });
  const file = path.join(tmp, 'bad.json');
  writeFileSync(file, JSON.stringify(plan));

  const error = await importPlanFile(file, MAX, { by }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PlanFileError);
  expect((error as PlanFileError).problems).toEqual([
    { where: 'priority LE.1 › target LE.1/1 › baseline › value', message: 'expected a number' },
  ]);
  expect(await countAll()).toEqual(before);
});

test('the update history refuses to be rewritten through the model', async () => {
  await importPlanFile(SMALL, MAX, { by });
  await expect(Update.updateOne({ _id: 'test-borough:q1-cs1' }, { value: 1 })).rejects.toThrow('append-only');
  await expect(Update.deleteMany({})).rejects.toThrow('append-only');
  await expect(Audit.deleteMany({})).rejects.toThrow('append-only');
  expect(await Update.countDocuments()).toBe(2);
});
