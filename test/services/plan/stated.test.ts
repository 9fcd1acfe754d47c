import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Audit, Person, Target } from '../../../models';
import { exportPlan } from '../../../services/plan/export';
import { importPlanFile } from '../../../services/plan/import';
import { PlanFileError } from '../../../services/plan-file/problems';
import { CLEAR_CELL } from '../../../services/plan-file/stated';
import { writePlanFile } from '../../../services/plan-file/write';
import { useTestDatabase } from '../../support/database';

// An import changes only what the file states: leave recorded in chat survives a file that does
// not mention it, and a file ends it only when it says so.
const db = useTestDatabase();
const SMALL = path.join(__dirname, '..', '..', 'fixtures', 'small-plan.yaml');
const MAX = 20 * 1024 * 1024;
const by = 'tester@test.gov.uk';
const ANN = 'ann.owner@test.gov.uk';
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-stated-'));

beforeEach(async () => {
  await db.reset();
  await importPlanFile(SMALL, MAX, { by });
  // As "I'm away until 20 January" in chat records it (services/commands/commands.ts).
  await Person.updateOne({ _id: ANN }, { $set: { awayUntil: '2027-01-20' } });
});
const awayUntil = async () => (await Person.findById(ANN).lean())?.awayUntil;

/** The small plan exported with Ann's `awayUntil` set to `value`, written as a .`form` file. */
async function withLeave(form: string, value: unknown): Promise<string> {
  const plan = await exportPlan('test-borough');
  const ann = plan.people.find((p) => p.id === ANN) as Record<string, unknown>;
  ann.awayUntil = value;
  const file = path.join(dir, `leave-${String(value)}.${form}`);
  await writePlanFile(file, plan);
  return file;
}

test('a file that does not mention leave (the fixture, written before leave existed) keeps it', async () => {
  const summary = await importPlanFile(SMALL, MAX, { by });
  expect(summary.changed).toBe(false);
  expect(await awayUntil()).toBe('2027-01-20');
});

test.each(['yaml', 'json', 'csv', 'xlsx'])('a .%s file with no value for leave keeps it', async (form) => {
  const file = await withLeave(form, undefined);
  expect((await importPlanFile(file, MAX, { by })).changed).toBe(false);
  expect(await awayUntil()).toBe('2027-01-20');
});

test.each([
  ['yaml', null],
  ['json', null],
  ['yaml', CLEAR_CELL],
  ['csv', CLEAR_CELL],
  ['xlsx', CLEAR_CELL],
])('a .%s file that says %s ends the leave, audited', async (form, value) => {
  const file = await withLeave(form, value);
  const summary = await importPlanFile(file, MAX, { by: 'editor@test.gov.uk' });
  expect(summary.people).toMatchObject({ changed: 1 });
  expect(await awayUntil()).toBeUndefined();
  expect(await Audit.findOne({ by: 'editor@test.gov.uk', entityId: ANN }).lean()).toMatchObject({
    action: 'change',
    before: { awayUntil: '2027-01-20' },
    after: { awayUntil: null },
  });
});

test('an empty value in YAML ("awayUntil:") ends the leave too', async () => {
  const file = await withLeave('yaml', null);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('awayUntil: null');
  writeFileSync(file, text.replace('awayUntil: null', 'awayUntil:'));
  await importPlanFile(file, MAX, { by });
  expect(await awayUntil()).toBeUndefined();
});

test('a target field left out is kept; a list left out keeps its entries; a new date replaces leave', async () => {
  const plan = await exportPlan('test-borough');
  const target = plan.priorities[0]!.targets[0] as Record<string, unknown>;
  delete target.deputy;
  delete target.piCodes;
  plan.people = plan.people.map((p) => (p.id === ANN ? { ...p, awayUntil: '2027-02-01' } : p));
  const file = path.join(dir, 'partial.yaml');
  await writePlanFile(file, plan);
  await importPlanFile(file, MAX, { by });
  const stored = await Target.findById('test-borough:CS.1/1').lean();
  expect(stored?.deputy).toBe('dan.deputy@test.gov.uk');
  expect(stored?.piCodes).toEqual(['BV82a']);
  expect(await awayUntil()).toBe('2027-02-01');
});

test('a required field cannot be cleared', async () => {
  const plan = await exportPlan('test-borough');
  (plan.people[0] as Record<string, unknown>).name = CLEAR_CELL;
  const file = path.join(dir, 'no-name.yaml');
  await writePlanFile(file, plan);
  const error = await importPlanFile(file, MAX, { by }).catch((e: unknown) => e);
  expect((error as PlanFileError).problems).toEqual([
    { where: `person ${ANN} › name`, message: 'is required and cannot be cleared' },
  ]);
});

describe('a wrong cell is named by its spreadsheet row and its own column, in every form', () => {
  const wrong = async (form: string) => {
    const file = await withLeave(form, 'next week');
    return importPlanFile(file, MAX, { by }).then(
      () => [],
      (e: unknown) => (e as PlanFileError).problems,
    );
  };
  const problem = (where: string) => [{ where, message: 'expected a date as YYYY-MM-DD' }];

  test('YAML and JSON: by the person and field', async () => {
    expect(await wrong('yaml')).toEqual(problem(`person ${ANN} › awayUntil`));
    expect(await wrong('json')).toEqual(problem(`person ${ANN} › awayUntil`));
  });

  test('Excel: the people sheet row and the awayUntil column', async () => {
    expect(await wrong('xlsx')).toEqual(problem('people table, row 2, column awayUntil'));
  });

  test('CSV: the row a spreadsheet shows, not the text line (list cells span lines)', async () => {
    const found = await wrong('csv');
    const file = path.join(dir, 'leave-next week.csv');
    const records = parse(readFileSync(file, 'utf8')) as string[][];
    const row = records.findIndex((r) => r[0] === 'people' && r[1] === ANN) + 1;
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith(`people,${ANN}`)) + 1;
    expect(line).toBeGreaterThan(row); // the file has multi-line cells above Ann's row
    expect(found).toEqual(problem(`people table, row ${row}, column awayUntil`));
  });

  test('a cycle table cell: the cycleTargets row and its target column', async () => {
    const plan = await exportPlan('test-borough');
    plan.cycles = [
      {
        id: 'q3',
        name: 'Q3',
        scope: 'all',
        periodFrom: '2026-10-01',
        opensOn: '2027-01-04',
        dueOn: '2027-01-15',
        remindDaysBefore: [5, 1],
        escalateDaysAfter: 1,
        tolerance: 0.05,
        status: 'open',
        openedBy: by,
        targets: [{ target: 'CS.1/1' }, { target: 'NO.1/1' }],
      },
    ];
    const file = path.join(dir, 'cycle.xlsx');
    await writePlanFile(file, plan);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('cycleTargets')?.getRow(3).getCell(2).value).toBe('NO.1/1');
    const error = await importPlanFile(file, MAX, { by }).catch((e: unknown) => e);
    expect((error as PlanFileError).problems).toEqual([
      { where: 'cycleTargets table, row 3, column target', message: 'there is no target with id "NO.1/1"' },
    ]);
  });
});
