import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Audit } from '../../../models';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { runCli } from '../../support/processes';

// `npm run cycle -- open` and `npm run plan -- audit` as a policy officer runs them, against this
// test file's database: opening a cycle from the command line is audited as "command line", and the
// trail exports as CSV with the change in words and the values before and after.
useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-audit-'));
const cli = runCli;

beforeAll(async () => {
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
});

test('a cycle opened on the command line is audited; `plan -- audit` exports the trail as CSV', async () => {
  const opened = await cli('services/cycle/cli.ts', [
    'open',
    '--plan',
    'cycle-borough',
    '--name',
    'Q4 2026/27',
    '--due',
    '2099-04-15',
    '--opens',
    '2099-04-01',
    '--by',
    'pat@cycle.gov.uk',
  ]);
  expect(opened.stdout).toContain('Opened cycle-borough:q4-2026-27: 4 targets');
  expect(await Audit.findOne({ event: 'cycle-open' }).lean()).toMatchObject({
    by: 'pat@cycle.gov.uk',
    channel: 'cli',
    entityId: 'cycle-borough:q4-2026-27',
    plan: 'cycle-borough',
    summary: 'Cycle Q4 2026/27 opened: 4 targets, due 15 Apr 2099',
  });

  const out = path.join(dir, 'audit.csv');
  const exported = await cli('services/plan-file/cli.ts', ['audit', '--plan', 'cycle-borough', '--out', out]);
  const total = await Audit.countDocuments();
  expect(exported.stdout).toContain(`Wrote ${total} audit records to ${out}.`);
  const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(total);
  expect(Object.keys(rows[0] ?? {})).toEqual([
    'At (UTC)',
    'When (London)',
    'By',
    'Name',
    'Channel',
    'Action',
    'Entity',
    'Id',
    'Plan',
    'Change',
    'Before',
    'After',
  ]);
  // Oldest first: the import that created the plan, then the cycle.
  expect(rows[0]).toMatchObject({
    Channel: 'plan import',
    Action: 'create',
    Entity: 'plans',
    Plan: 'cycle-borough',
  });
  expect(rows.find((r) => r.Id === 'ED.1/1')).toMatchObject({
    By: 'pat@cycle.gov.uk',
    Name: 'Pat Policy',
    Change: 'Target ED.1/1 added',
    Plan: 'cycle-borough',
  });
  // A person belongs to the plans that list them.
  expect(rows.find((r) => r.Id === 'ann@cycle.gov.uk')).toMatchObject({
    Change: 'Person ann@cycle.gov.uk added',
  });
  expect(rows[rows.length - 1]).toMatchObject({
    Channel: 'command line',
    Change: 'Cycle Q4 2026/27 opened: 4 targets, due 15 Apr 2099',
    Before: '',
  });
  expect(JSON.parse(rows[rows.length - 1]?.After ?? '')).toMatchObject({
    name: 'Q4 2026/27',
    targetCount: 4,
  });

  // Another plan's id, or a date after everything: a header and no rows. A bad date is refused.
  const none = await cli('services/plan-file/cli.ts', [
    'audit',
    '--plan',
    'elsewhere',
    '--since',
    '2100-01-01',
  ]);
  expect(none.stdout.trim().replace(/^\uFEFF/, '')).toBe(
    'At (UTC),When (London),By,Name,Channel,Action,Entity,Id,Plan,Change,Before,After',
  );
  await expect(cli('services/plan-file/cli.ts', ['audit', '--since', '1 Nov'])).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('--since must be a date written yyyy-mm-dd, not "1 Nov".'),
  });
});
