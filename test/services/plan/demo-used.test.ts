import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import YAML from 'yaml';
import { createRouter } from '../../../bot/router';
import { Person, Target } from '../../../models';
import type { View } from '../../../services/answers/views';
import { createLogger } from '../../../services/log/logger';
import { DEMO_OVERLAY_FILE, loadDemoPlan } from '../../../services/plan/demo';
import { exportPlan } from '../../../services/plan/export';
import { importPlanFile } from '../../../services/plan/import';
import { PlanCatalogue } from '../../../services/plan/snapshot';
import { CLEAR_CELL } from '../../../services/plan-file/stated';
import { writePlanFile } from '../../../services/plan-file/write';
import { useTestDatabase } from '../../support/database';

// DEMO_PLAN=always on a database that has been used: owners assigned in chat, leave recorded, a
// deputy removed and a target reworded by a plan import. Loading the demo again undoes none of it.
useTestDatabase();
const log = createLogger('silent');
const MAX = 20 * 1024 * 1024;
const NOW = new Date('2026-11-30T10:00:00Z');
const ALEX = 'alexw@example.com'; // the overlay's policy-team member
const TERMINAL = 'terminal.user@demo.example';
const router = createRouter(new PlanCatalogue(0), { now: () => NOW });
const say = async (personId: string, text: string): Promise<string> =>
  JSON.stringify((await router({ text, asker: { personId }, channel: 'teams' })) as View);

const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-demo-used-'));
// The overlay without its history of cycles (the demo's own updates are checked in demo.test.ts;
// here the database is used through chat and a plan file), and with an owner for any priority it
// does not yet cover (JR.2 gained a target while the plan was being corrected).
const overlayFile = path.join(dir, 'leicester-demo.yaml');
const overlay = YAML.parse(readFileSync(DEMO_OVERLAY_FILE, 'utf8')) as {
  cycles?: unknown[];
  owners: Record<string, unknown>;
};
overlay.cycles = [];
overlay.owners['JR.2'] ??= { owner: TERMINAL, deputy: ALEX };
writeFileSync(overlayFile, YAML.stringify(overlay));
const load = (mode: 'auto' | 'always') => loadDemoPlan(mode, true, log, MAX, { now: NOW, overlayFile });

async function everything(): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(mongoose.connection.collections))
    all[name] = (await c.find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  return all;
}

test('always adds nothing over a used database: chat owners, leave and plan-file edits stay', async () => {
  await load('auto');
  expect(await say(ALEX, `assign ED.1 to ${TERMINAL}`)).toContain('is now owner');
  expect(await say(TERMINAL, "I'm away until 20 January 2027")).toContain('you are away until 20 Jan 2027');
  // The policy team rewords a target and removes a deputy through a plan file.
  const plan = await exportPlan('leicester-2003');
  const target = plan.priorities.find((p) => p.id === 'ED.2')!.targets[0] as Record<string, unknown>;
  target.text = 'Reworded by the policy team.';
  target.deputy = CLEAR_CELL;
  const file = path.join(dir, 'edited.yaml');
  await writePlanFile(file, plan);
  expect((await importPlanFile(file, MAX, { by: ALEX })).targets).toMatchObject({ changed: 1 });
  const edited = await Target.findById('leicester-2003:ED.2/1').lean();
  expect(edited).toMatchObject({ text: 'Reworded by the policy team.' });
  expect(edited?.deputy).toBeUndefined();

  const before = await everything();
  const summary = await load('always');
  expect(summary).toMatchObject({ history: false, plan: { changed: false } });
  expect(summary?.plan.targets.kept).toBeGreaterThan(0);
  expect(await everything()).toEqual(before);
  expect((await Target.findById('leicester-2003:ED.1/1').lean())?.owner).toBe(TERMINAL);
  expect((await Person.findById(TERMINAL).lean())?.awayUntil).toBe('2027-01-20');
});
