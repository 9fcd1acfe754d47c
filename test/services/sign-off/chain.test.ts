import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlanFileError, type Problem } from '../../../services/plan-file/problems';
import { readPlanFile } from '../../../services/plan-file/read';
import { writePlanFile } from '../../../services/plan-file/write';
import { readWho, splitStep } from '../../../services/sign-off/chain';
import { standingOf, type SignOffRow } from '../../../services/sign-off/ledger';
import { checkUpdate } from '../../../services/target-update/validate';

// The sign-off chain as a policy officer writes it in a plan file: checked with messages that say
// what to write, kept in one spelling, and carried through every file form unchanged.
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-sign-off-'));
const MAX = 1 << 20;
const yamlWith = (signOff: string) =>
  `format: golden-thread-plan/1\nplan: {id: x, title: T, organisation: O, period: {label: p}, status: draft, version: 1, signOff: ${signOff}}\naims: [{id: a, title: A}]\n`;

async function read(name: string, content: string) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return readPlanFile(file, { maxBytes: MAX });
}
async function problemsOf(content: string): Promise<Problem[]> {
  const error = await read('bad.yaml', content).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlanFileError)) throw new Error('the file was accepted');
  return error.problems;
}

test('who acts at a step: line manager, a role, a person — any case, one spelling back', () => {
  expect(readWho('lineManager')).toEqual({ kind: 'lineManager' });
  expect(readWho('Line Manager')).toEqual({ kind: 'lineManager' });
  expect(readWho('role: Policy')).toEqual({ kind: 'role', role: 'policy' });
  expect(readWho('person:Jo.Bloggs@Council.gov.uk')).toEqual({
    kind: 'person',
    email: 'jo.bloggs@council.gov.uk',
  });
  expect(readWho('role:chief')).toEqual({
    problem: expect.stringContaining('"chief" is not a role (roles are staff, owner'),
  });
  expect(readWho('person:jo')).toEqual({ problem: '"jo" is not an email address' });
  expect(readWho('the head of service')).toEqual({
    problem: expect.stringContaining("write lineManager (the target owner's line manager), role:policy"),
  });
  // A step in one cell: split at the last ": ", since who has no space after its own colon.
  expect(splitStep('Approval: head of service: lineManager')).toEqual({
    step: 'Approval: head of service',
    who: 'lineManager',
  });
  expect(splitStep('Policy team confirms: role:policy')).toEqual({
    step: 'Policy team confirms',
    who: 'role:policy',
  });
});

test('a bad chain is refused with the step and what to write', async () => {
  expect(await problemsOf(yamlWith('[{step: Head of service approves, who: the boss}]'))).toEqual([
    {
      where: expect.stringContaining('signOff'),
      message: expect.stringContaining('"the boss" does not say who signs off: write lineManager'),
    },
  ]);
  expect(
    await problemsOf(yamlWith('[{step: Approves, who: lineManager}, {step: approves, who: role:policy}]')),
  ).toEqual([{ where: expect.stringContaining('signOff'), message: 'give each sign-off step its own name' }]);
  const six = Array.from({ length: 6 }, (_, i) => `{step: Step ${i}, who: lineManager}`).join(', ');
  expect(await problemsOf(yamlWith(`[${six}]`))).toEqual([
    { where: expect.stringContaining('signOff'), message: 'a sign-off chain has at most 5 steps' },
  ]);
});

test('the chain round-trips through YAML, JSON, CSV and Excel in one spelling', async () => {
  const plan = await read(
    'chain.yaml',
    yamlWith("[{step: Head of service approves, who: Line Manager}, 'Policy team confirms: role: Policy']"),
  );
  const chain = [
    { step: 'Head of service approves', who: 'lineManager' },
    { step: 'Policy team confirms', who: 'role:policy' },
  ];
  expect(plan.plan.signOff).toEqual(chain);
  for (const form of ['yaml', 'json', 'csv', 'xlsx']) {
    const file = path.join(dir, `out.${form}`);
    await writePlanFile(file, plan);
    expect((await readPlanFile(file, { maxBytes: MAX })).plan.signOff).toEqual(chain);
  }
});

test('where an update stands, from its rows', () => {
  const row = (step: number, decision: SignOffRow['decision'], steps?: number): SignOffRow => ({
    _id: `u|${step}`,
    update: 'u',
    step,
    decision,
    steps,
    by: 'a@x.gov.uk',
    at: new Date('2027-01-05T10:00:00Z'),
  });
  expect(standingOf([])).toBeUndefined();
  expect(standingOf([row(0, 'submitted', 2)])?.status).toBe('provisional');
  expect(standingOf([row(0, 'submitted', 2), row(1, 'approved')])?.status).toBe('provisional');
  expect(standingOf([row(0, 'submitted', 2), row(1, 'approved'), row(2, 'approved')])?.status).toBe(
    'confirmed',
  );
  expect(standingOf([row(0, 'submitted', 2), row(1, 'approved'), row(2, 'returned')])?.status).toBe(
    'returned',
  );
});

test('a corrective action is required for Red, optional for Amber, and kept', () => {
  const target = {
    unit: 'percent' as const,
    direction: 'up' as const,
    baseline: { label: '2025/26', text: '40.7%', value: 40.7 },
    interim: { label: '2027', text: '46%', value: 46 },
  };
  const context = { today: '2027-01-10', periodFrom: '2026-10-01' };
  const red = { value: '30', asOf: '2026-12-31', rag: 'red', commentary: 'Results fell.' };
  expect(checkUpdate(red, target, context)).toEqual({
    ok: false,
    errors: {
      correctiveAction:
        'A corrective action is required for Red: say what is being done to bring it back on track.',
    },
  });
  const kept = checkUpdate({ ...red, correctiveAction: ' Maths leads from February. ' }, target, context);
  expect(kept).toMatchObject({ ok: true, update: { correctiveAction: 'Maths leads from February.' } });
  expect(checkUpdate({ ...red, rag: 'amber', overrideReason: 'r' }, target, context)).toMatchObject({
    ok: true,
  });
  expect(checkUpdate({ ...red, correctiveAction: 'x'.repeat(2001) }, target, context)).toMatchObject({
    ok: false,
    errors: { correctiveAction: expect.stringContaining('keep it under 2,000') },
  });
});
