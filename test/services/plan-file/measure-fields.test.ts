import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlanFileError, type Problem } from '../../../services/plan-file/problems';
import { readPlanFile } from '../../../services/plan-file/read';
import { writePlanFile } from '../../../services/plan-file/write';

// The measure a target states (issue 13, item 1): unit, polarity, what each figure means, profile,
// tolerance, frequency, notes — in YAML and in a spreadsheet, refused with a message a policy
// officer understands, naming the row and column.
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-measure-'));
const MAX = 1024 * 1024;
const HEAD = `format: golden-thread-plan/1
plan: {id: x, title: T, organisation: O, period: {label: 2003–2006}, status: draft, version: 1, tolerance: 10}
aims: [{id: a, title: A}]
priorities:
  - id: P.1
    aim: a
    title: P
    targets:
`;
const withTarget = (lines: string) => `${HEAD}${lines.replace(/^/gm, '      ')}\n`;

async function read(name: string, content: string) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return readPlanFile(file, { maxBytes: MAX });
}
async function problemsOf(name: string, content: string): Promise<Problem[]> {
  const error = await read(name, content).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlanFileError)) throw new Error(`${name} was accepted`);
  return error.problems;
}

const FULL = `- id: P.1/1
  text: Reduce crime in the city centre by 7%.
  unit: rate
  per: 1000
  direction: down
  frequency: quarterly
  baseline: {label: 2001/02, text: 9291 offences, value: 9291}
  interim: {label: 03/04, text: 3% (03/04), change: "-3%"}
  final: {label: "2006", text: 40-45, range: "40-45"}
  profile:
    - {asOf: 2003-09-30, value: 9200}
    - "2004-09-30: 9000"
  tolerance: 2.5
  numerator: Offences recorded
  denominator: Residents
  dataQuality: Police recording changed in 2002
  source: Leicestershire Constabulary`;

test('every measure field is read from YAML, and written to and read back from a spreadsheet unchanged', async () => {
  const plan = await read('full.yaml', withTarget(FULL));
  const target = plan.priorities[0]?.targets[0];
  expect(target).toMatchObject({
    unit: 'rate',
    per: 1000,
    direction: 'down',
    frequency: 'quarterly',
    interim: { change: '-3%' },
    final: { range: '40-45' },
    profile: [
      { asOf: '2003-09-30', value: 9200 },
      { asOf: '2004-09-30', value: 9000 },
    ],
    tolerance: 2.5,
    dataQuality: 'Police recording changed in 2002',
  });
  expect(plan.plan.tolerance).toBe(10);
  for (const form of ['csv', 'xlsx'] as const) {
    const file = path.join(dir, `full.${form}`);
    await writePlanFile(file, plan);
    const again = await readPlanFile(file, { maxBytes: MAX });
    // As JSON: what the file states, without the reader's note of which fields it left out.
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(plain(again.priorities[0]?.targets[0])).toEqual(plain(target));
    expect(again.plan.tolerance).toBe(10);
  }
});

test.each([
  [
    'a change with no sign',
    `- {id: P.1/1, text: t, interim: {text: 3%, change: "3%"}}`,
    'priority P.1 › target P.1/1 › interim › change',
    'write a change against the baseline with its sign and unit, such as -3% or +2 points',
  ],
  [
    'a reversed range',
    `- {id: P.1/1, text: t, final: {text: x, range: "45-40"}}`,
    'priority P.1 › target P.1/1 › final › range',
    'write a range as two numbers, lower first, such as 40-45',
  ],
  [
    'a value and a change at once',
    `- {id: P.1/1, text: t, final: {text: x, value: 3, change: "-3%"}}`,
    'priority P.1 › target P.1/1 › final › value',
    'give one of value, change or range: a figure means one thing',
  ],
  [
    'a profile out of order',
    `- {id: P.1/1, text: t, profile: ["2004-09-30: 1", "2003-09-30: 2"]}`,
    'priority P.1 › target P.1/1 › profile',
    'list the dates in order, each once',
  ],
  [
    'a profile point that is not a date and a value',
    `- {id: P.1/1, text: t, profile: ["soon: 1"]}`,
    'priority P.1 › target P.1/1 › profile › 1 › asOf',
    'expected a date as YYYY-MM-DD',
  ],
  [
    'a tolerance over 100%',
    `- {id: P.1/1, text: t, tolerance: 150}`,
    'priority P.1 › target P.1/1 › tolerance',
    'expected a percentage up to 100',
  ],
  [
    'an unknown frequency',
    `- {id: P.1/1, text: t, frequency: weekly}`,
    'priority P.1 › target P.1/1 › frequency',
    'expected one of: monthly, quarterly, annual',
  ],
])('YAML: %s is refused, naming the field', async (_what, target, where, message) => {
  const problems = await problemsOf('bad.yaml', withTarget(target));
  expect(problems).toContainEqual({
    where: expect.stringContaining(where.split(' › ').pop() as string),
    message,
  });
});

test('a spreadsheet names the row and the column actually wrong', async () => {
  const plan = await read('ok.yaml', withTarget(FULL));
  const file = path.join(dir, 'bad.csv');
  await writePlanFile(file, plan);
  const { readFileSync } = await import('node:fs');
  writeFileSync(file, readFileSync(file, 'utf8').replace('-3%', 'minus three'));
  const problems = await readPlanFile(file, { maxBytes: MAX }).then(
    () => [],
    (e: PlanFileError) => e.problems,
  );
  expect(problems).toEqual([
    {
      where: expect.stringMatching(/^targets table, row \d+, column interimChange$/),
      message: 'write a change against the baseline with its sign and unit, such as -3% or +2 points',
    },
  ]);
});
