import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PlanFileError, type Problem } from '../../../services/plan-file/problems';
import { readPlanFile } from '../../../services/plan-file/read';
import { writePlanFile } from '../../../services/plan-file/write';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-read-'));
const SMALL = path.join(__dirname, '..', '..', 'fixtures', 'small-plan.yaml');
const MAX = 20 * 1024 * 1024;

async function problemsOf(name: string, content: string | Buffer, maxBytes = MAX): Promise<Problem[]> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const error = await readPlanFile(file, { maxBytes }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlanFileError)) throw new Error(`${name} was accepted`);
  expect(error.message).toContain('nothing was changed');
  return error.problems;
}

const smallPlan = () => readPlanFile(SMALL, { maxBytes: MAX });
const yamlWith = (extra: string) =>
  `format: golden-thread-plan/1\nplan: {id: x, title: T, organisation: O, period: {label: p}, status: draft, version: 1}\naims: [{id: a, title: A}]\n${extra}`;

test('the fixture itself is valid', async () => {
  const plan = await smallPlan();
  expect(plan.priorities.map((p) => p.id)).toEqual(['CS.1', 'CS-uncoded', 'LE.1']);
});

describe('refused files, with the row or line and field named', () => {
  test.each([
    ['empty.yaml', '', [{ where: 'file', message: 'the file is empty' }]],
    ['blank.json', '  \n', [{ where: 'file', message: 'the file is empty' }]],
    ['plan.txt', 'hello', [{ where: 'file', message: expect.stringContaining('is not a plan file type') }]],
    ['list.yaml', '- 1\n- 2\n', [{ where: 'file', message: expect.stringContaining('not a list') }]],
    [
      'broken.yaml',
      'plan: [1,\n',
      [{ where: 'line 2, column 1', message: expect.stringContaining('not valid YAML') }],
    ],
    [
      'dup-key.yaml',
      'plan: 1\nplan: 2\n',
      [{ where: 'line 2, column 1', message: expect.stringContaining('Map keys must be unique') }],
    ],
    [
      'broken.json',
      '{"plan": 1,\n}',
      [{ where: 'line 2, column 1', message: expect.stringContaining('not valid JSON') }],
    ],
    [
      'broken.csv',
      'table,id\n"plan,x\n',
      [{ where: expect.stringMatching(/^line/), message: expect.stringContaining('not valid CSV') }],
    ],
    [
      'broken.xlsx',
      'this is not a zip',
      [{ where: 'file', message: expect.stringContaining('not a readable Excel') }],
    ],
  ])('%s', async (name, content, expected) => {
    expect(await problemsOf(name, content)).toEqual(expected);
  });

  test('a file over the size limit is refused before it is read', async () => {
    const problems = await problemsOf('huge.json', Buffer.alloc(50 * 1024 * 1024 + 1, ' '));
    expect(problems).toEqual([
      { where: 'file', message: 'the file is 50.0 MB; the largest accepted is 20.0 MB (PLAN_IMPORT_MAX_MB)' },
    ]);
  });

  test('operator-like and dotted keys are unknown fields, never stored', async () => {
    const problems = await problemsOf(
      'keys.yaml',
      yamlWith('priorities:\n  - {id: P.1, aim: a, title: t, $where: "1", "a.b": 2}\n'),
    );
    expect(problems).toEqual([{ where: 'priority P.1', message: 'unknown fields "$where", "a.b"' }]);
  });

  test('text where a number is required, missing fields and bad enums', async () => {
    const problems = await problemsOf(
      'fields.yaml',
      yamlWith(
        'priorities:\n  - id: P.1\n    aim: a\n    targets: [{id: P.1/1, kind: goal, text: t, baseline: {text: "9", value: nine}}]\n',
      ),
    );
    expect(problems).toEqual([
      { where: 'priority P.1 › title', message: 'is required but missing' },
      {
        where: 'priority P.1 › target P.1/1 › kind',
        message: 'expected one of: target, milestone, action, kpi',
      },
      { where: 'priority P.1 › target P.1/1 › baseline › value', message: 'expected a number' },
    ]);
  });

  test('duplicate codes, clashing aliases and unknown references', async () => {
    const problems = await problemsOf(
      'refs.yaml',
      yamlWith(
        'priorities:\n' +
          '  - {id: P.1, aim: a, title: t, targets: [{id: T1, text: x, owner: nobody@x.gov.uk}]}\n' +
          '  - {id: P.1, aim: b, title: t2}\n' +
          '  - {id: P.2, aim: a, title: t3, aliases: [p1]}\n' +
          'updates: [{target: T9, value: 1, asOf: 2026-01-01, at: "2026-01-02T00:00:00Z"}]\n',
      ),
    );
    expect(problems).toEqual([
      { where: 'priority P.1 › id', message: 'the priority id "P.1" is used twice' },
      { where: 'priority P.1 › aim', message: 'there is no aim with id "b"' },
      { where: 'priority P.2 › aliases', message: '"P1" would name both P.1 and P.2' },
      { where: 'priority P.1 › target T1 › owner', message: '"nobody@x.gov.uk" is not in people' },
      { where: 'update 1 › target', message: 'there is no target with id "T9"' },
    ]);
  });

  test('a CSV with a missing column, an unknown column and bad cells names each', async () => {
    const file = path.join(dir, 'good.csv');
    await writePlanFile(file, await smallPlan());
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0]!.replace(',title,', ',heading,');
    expect(await problemsOf('columns.csv', lines.join('\n'))).toEqual(
      expect.arrayContaining([
        { where: 'line 1', message: 'unknown column "heading"' },
        { where: 'line 1', message: 'the required column "title" is missing' },
      ]),
    );

    const csv = readFileSync(file, 'utf8')
      .replace(',38.2,', ',lots,')
      .replace('\naims,learning,', '\naimz,learning,');
    expect(await problemsOf('cells.csv', csv)).toEqual([
      { where: 'row 5, column table', message: expect.stringContaining('"aimz" is not a table') },
    ]);
    expect(await problemsOf('cells2.csv', readFileSync(file, 'utf8').replace(',38.2,', ',lots,'))).toEqual([
      // Row 9 as a spreadsheet shows the file: a list cell above spans two text lines but one row.
      { where: 'targets table, row 9, column baselineValue', message: 'expected a number' },
    ]);
  });

  test('an Excel workbook with a bad cell names the sheet row and column', async () => {
    const file = path.join(dir, 'good.xlsx');
    await writePlanFile(file, await smallPlan());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    // The first target's baselineValue, wherever the column sits as the targets table grows.
    const targets = workbook.getWorksheet('targets')!;
    const column = (targets.getRow(1).values as unknown[]).indexOf('baselineValue');
    targets.getCell(2, column).value = 'about forty';
    workbook.getWorksheet('priorities')!.getCell('D3').value = 'no-such-aim';
    const bad = path.join(dir, 'bad.xlsx');
    await workbook.xlsx.writeFile(bad);
    expect(await readPlanFile(bad, { maxBytes: MAX }).catch((e: PlanFileError) => e.problems)).toEqual([
      { where: 'targets table, row 2, column baselineValue', message: 'expected a number' },
    ]);
    targets.getCell(2, column).value = 38.2;
    await workbook.xlsx.writeFile(bad);
    expect(await readPlanFile(bad, { maxBytes: MAX }).catch((e: PlanFileError) => e.problems)).toEqual([
      { where: 'priorities table, row 3, column aim', message: 'there is no aim with id "no-such-aim"' },
    ]);
  });

  test('a YAML alias bomb is refused rather than expanded', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(await problemsOf('bomb.yaml', bomb)).toEqual([
      { where: 'file', message: expect.stringMatching(/^not accepted: .*alias/i) },
    ]);
  });
});

test.each(['constructor', '__proto__', 'valueOf'])(
  'a CSV row in a table named %s is refused as not a table, not a crash',
  async (table) => {
    const file = path.join(dir, 'names.csv');
    await writePlanFile(file, await smallPlan());
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 0, `${table}${','.repeat((lines[0] ?? '').split(',').length - 1)}`);
    expect(await problemsOf(`${table}.csv`, lines.join('\n'))).toContainEqual({
      where: 'row 2, column table',
      message: expect.stringContaining(`"${table}" is not a table`),
    });
  },
);
