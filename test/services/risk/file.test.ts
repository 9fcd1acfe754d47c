import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Risk } from '../../../models';
import { exportPlan } from '../../../services/plan/export';
import { importPlanFile } from '../../../services/plan/import';
import { PlanFileError, type Problem } from '../../../services/plan-file/problems';
import { readPlanFile } from '../../../services/plan-file/read';
import { writePlanFile } from '../../../services/plan-file/write';
import { ROOT } from '../../support/processes';
import { useTestDatabase } from '../../support/database';

// The plan file's `risks` section and `plan.riskMatrix` (issue 15, item 3): read in every form,
// a position off the plan's matrix refused naming the row and field (nothing written), and the
// register round-tripping export → import → export unchanged.
const db = useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-risk-file-'));
const MAX = 1024 * 1024;
const FIXTURE = path.join(ROOT, 'test/fixtures/risk-plan.yaml');
const fixture = readFileSync(FIXTURE, 'utf8');

async function problemsOf(name: string, content: string): Promise<Problem[]> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const error = await readPlanFile(file, { maxBytes: MAX }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlanFileError)) throw new Error(`${name} was accepted`);
  return error.problems;
}

test('the fixture reads: labels by code or name, actions, links, Melton’s matrix by default', async () => {
  const plan = await readPlanFile(FIXTURE, { maxBytes: MAX });
  expect(plan.risks.map((r) => r.id)).toEqual(['R12', 'R3', 'R5']);
  expect(plan.risks[0]).toMatchObject({ impact: 'Marginal', links: ['ED.1/1'] });
  expect(plan.risks[0]?.actions[0]).toEqual({
    text: 'Agree a falling-rolls fund with the schools forum',
    due: '2027-03-31',
    owner: 'meg@risk.gov.uk',
  });
});

test('a risk scored outside the matrix is refused, naming the row and field', async () => {
  const bad = fixture
    .replace('    probability: C\n', '    probability: G\n')
    .replace('targetImpact: III', 'targetImpact: V');
  const problems = await problemsOf('off-matrix.yaml', bad);
  expect(problems).toEqual(
    expect.arrayContaining([
      {
        where: 'risk R3 › probability',
        message: expect.stringContaining(
          '"G" is not on the plan\'s probability scale (expected one of: A (Very High)',
        ),
      },
      {
        where: 'risk R12 › targetImpact',
        message: expect.stringContaining('"V" is not on the plan\'s impact scale'),
      },
    ]),
  );
});

test("a plan's own scale: Melton's letters are then off it; owners and links must exist", async () => {
  const own = fixture
    .replace(
      '  version: 1\n',
      "  version: 1\n  riskMatrix:\n    probability: ['3: Likely', '2: Possible', '1: Rare']\n    impact: [{ code: H, name: Major }, { code: L, name: Minor }]\n",
    )
    .replace('owner: sam@risk.gov.uk', 'owner: nobody@risk.gov.uk')
    .replace('links: [EN.1]', 'links: [EN.9]');
  const problems = await problemsOf('own-scale.yaml', own);
  const text = problems.map((p) => `${p.where}: ${p.message}`).join('\n');
  expect(text).toContain(
    '"D" is not on the plan\'s probability scale (expected one of: 3 (Likely), 2 (Possible), 1 (Rare))',
  );
  expect(text).toContain('"nobody@risk.gov.uk" is not in people');
  expect(text).toContain('"EN.9" is not an aim, priority or target of this plan');
});

test('in a spreadsheet the refusal names the risks table, its row and column; nothing is written', async () => {
  const plan = await readPlanFile(FIXTURE, { maxBytes: MAX });
  const csv = path.join(dir, 'risks.csv');
  await writePlanFile(csv, plan);
  const text = readFileSync(csv, 'utf8');
  expect(text).toContain('riskActions');
  const broken = text.replace(/\nrisks,R3,(.*?),C,II,/, (_m, mid: string) => `\nrisks,R3,${mid},Z,II,`);
  expect(broken).not.toBe(text);
  const problems = await problemsOf('broken.csv', broken);
  expect(problems).toContainEqual({
    where: expect.stringMatching(/^risks table, row \d+, column probability$/),
    message: expect.stringContaining('"Z" is not on the plan\'s probability scale'),
  });
  await expect(importPlanFile(path.join(dir, 'broken.csv'), MAX, { by: 'test' })).rejects.toThrow(
    PlanFileError,
  );
  expect(await Risk.countDocuments()).toBe(0);
});

test('round trip: import, export in every form, import into an empty database, export again: the same', async () => {
  const summary = await importPlanFile(FIXTURE, MAX, { by: 'test' });
  expect(summary.risks.created).toBe(3);
  // A name on the scale is stored as its code.
  expect(await Risk.findById('risk-borough:R12').lean()).toMatchObject({ impact: 'III', probability: 'D' });
  const first = await exportPlan('risk-borough');
  expect(first.risks[0]).toMatchObject({
    id: 'R12',
    impact: 'III',
    targetImpact: 'III',
    reviewOn: '2027-03-31',
  });
  for (const form of ['yaml', 'json', 'csv', 'xlsx']) {
    const file = path.join(dir, `export.${form}`);
    await writePlanFile(file, first);
    // Importing the export over the database it came from changes nothing.
    expect((await importPlanFile(file, MAX, { by: 'test' })).changed).toBe(false);
    await db.reset();
    await importPlanFile(file, MAX, { by: 'test' });
    expect(await exportPlan('risk-borough')).toEqual(first);
  }
});
