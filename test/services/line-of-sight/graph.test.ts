import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cycle, Plan } from '../../../models';
import { openCycle } from '../../../services/cycle/open';
import { whoContributes } from '../../../services/line-of-sight/down';
import { lineOfSight } from '../../../services/line-of-sight/mine';
import { teamTargets } from '../../../services/line-of-sight/team';
import type { ListView, View } from '../../../services/answers/views';
import { exportPlan } from '../../../services/plan/export';
import { importPlan } from '../../../services/plan/import';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { readPlanFile } from '../../../services/plan-file/read';
import { writePlanFile } from '../../../services/plan-file/write';
import { useTestDatabase } from '../../support/database';
import { ANN, MO, NIA, importLineOfSight } from '../../fixtures/line-of-sight/load';

// Issue 15, items 1 and 2: plans that link — levels in each plan's own words, contributes-to links
// both ways in the snapshot, deleted items kept — and the line of sight read from them.
useTestDatabase();
let snapshot: PlanSnapshot;
beforeAll(async () => {
  await importLineOfSight();
  snapshot = await loadSnapshot();
});

const list = (view: View): ListView => {
  expect(view.kind).toBe('list');
  return view as ListView;
};

describe('the snapshot', () => {
  test("holds each plan's level names, from its levels or its vocabulary", () => {
    expect(snapshot.levelNames('los-education-service')).toEqual([
      'Service outcome',
      'Service priority',
      'Service action',
      'Measure',
    ]);
    expect(snapshot.levelNames('los-school-improvement')).toEqual(['Team objective', 'Team action']);
    expect(snapshot.levelNames('leicester-2003')).toEqual([
      'Strategic aim',
      'Priority',
      'Headline milestone or target',
    ]);
  });

  test('links items both ways: up what each contributes to, down what contributes to it', () => {
    const ed1 = snapshot.links.byReference('leicester-2003:ED.1');
    const ed11 = snapshot.links.byReference('leicester-2003:ED.1/1');
    const se1 = snapshot.links.byReference('los-education-service:SE.1');
    const se11 = snapshot.links.byReference('los-education-service:SE.1/1');
    const measure = snapshot.links.byReference('los-education-service:SE.1/1a');
    expect(se1?.up).toEqual([ed1]);
    expect(ed1?.down).toEqual([se1]);
    expect(se11?.up).toEqual([ed11]);
    expect(ed11?.down.map((i) => i.ref)).toEqual(['los-education-service:SE.1/1']);
    expect(se11?.down.map((i) => i.ref).sort()).toEqual([
      'los-school-improvement:TA.1',
      'los-school-improvement:booster-tutors',
    ]);
    // A target one level down sits under its parent, at the level the plan names.
    expect(measure?.under).toBe(se11);
    expect([measure?.level, measure?.levelName]).toEqual([3, 'Measure']);
    expect([se11?.level, se11?.levelName]).toEqual([2, 'Service action']);
    // A two-level plan's targets take the word for a target.
    expect(snapshot.links.byReference('los-school-improvement:TA.1/1')?.levelName).toBe('Target');
  });

  test('keeps a deleted item, with its status and reason', () => {
    const deleted = snapshot.links.byReference('los-school-improvement:TA.2/2');
    expect([deleted?.status, deleted?.statusNote]).toEqual([
      'deleted',
      "Replaced by the council's pupil tracking system.",
    ]);
  });
});

describe('line of sight', () => {
  test('"what do I contribute to?": Ann\'s objective as a chain up to a Leicester aim', () => {
    const view = list(lineOfSight(snapshot, { _id: ANN.id, department: 'School Improvement' }));
    const [objective, owned] = view.items;
    expect(objective).toMatchObject({
      title: 'Objective: Recruit and train the booster tutors for my four schools',
      group: 'Your objectives · Leicester City Council Objectives of Ann Adams 2026/27',
      detail:
        '→ Team plan (School Improvement) — Team action TA.1: Recruit and train booster tutors → Service plan (Education) — Service action SE.1/1: Run a GCSE booster programme in six secondary schools → Leicester City Council — Headline milestone or target ED.1/1: To increase the percentage of students achieving 5 GCSE grades A*-C… → Priority ED.1: Raise attainment of all pupils. → Strategic aim ED: Education',
    });
    expect(owned).toMatchObject({
      code: 'TA.1/1',
      title: 'You own this target: Twelve booster tutors in post by September 2026',
      rag: 'amber',
    });
    // The team's plan (her department's) follows, with its own chain.
    expect(view.items.map((i) => i.group)).toContain(
      'Team plan (School Improvement) · Leicester City Council School Improvement Team Plan 2026/27',
    );
    expect(view.intro).toBe(
      "4 of 4 items of your work lead up to the corporate plan. Each line follows what it contributes to, in each plan's own words.",
    );
  });

  test('someone with nothing linked is told why and what would change it', () => {
    const view = lineOfSight(snapshot, { _id: NIA.id });
    expect(view).toMatchObject({
      kind: 'notice',
      text: expect.stringContaining(
        'Nothing in the plans links your work to the corporate plan yet: you have no individual objectives, own no targets, and the plan does not say which department you are in.',
      ),
    });
  });

  test('"who contributes to ED.1?": the chain down, grouped by plan, indented, with owners and RAGs', () => {
    const view = list(whoContributes('ED.1', snapshot));
    expect(view.intro).toBe(
      '11 items in 3 plans contribute to Priority ED.1: Raise attainment of all pupils.',
    );
    const lines = view.items.map((i) => `${i.code} | ${i.detail} | ${i.rag ?? ''}`);
    expect(lines.slice(0, 4)).toEqual([
      '↳ SE.1 | Service priority · contributes to ED.1 | ',
      '\u2003↳ SE.1/1 | Service action · Owner: Sam Service · part of SE.1 · No update yet | ',
      '\u2003\u2003↳ SE.1/1a | Measure · Owner: Sam Service · part of SE.1/1 | red',
      '\u2003\u2003↳ Team objective | contributes to SE.1/1 | ',
    ]);
    expect(view.items[2]?.reason).toBe('Red: 38% against the 2027 final target of 50%; more than 5% worse');
    expect(view.items.find((i) => i.code.endsWith('TA.1/1'))).toMatchObject({
      detail: 'Target · Owner: Ann Adams · part of TA.1',
      rag: 'amber',
    });
    // The service plan's lines first, then the team's: grouped, never interleaved.
    const groups = view.items.map((i) => i.group);
    expect(groups.indexOf(groups.at(-1))).toBeGreaterThan(groups.lastIndexOf(groups[0]));
    expect(view.more?.ask).toBe('more: who contributes to leicester-2003:ED.1 @8');
    const rest = list(whoContributes('leicester-2003:ED.1', snapshot, undefined, 8));
    expect(rest.items.map((i) => i.code.trim())).toEqual(['↳ TA.2/2', '↳ Objective', '↳ AA-1.1']);
    expect(rest.items[0]?.title).toBe('A tracking spreadsheet for each school (deleted)');
  });

  test('"who contributes to" an item nobody links to says so; an unknown code offers near ones', () => {
    expect(whoContributes('ED.2', snapshot)).toMatchObject({
      kind: 'notice',
      text: expect.stringContaining('No service, team or individual plan says it contributes to ED.2 yet.'),
    });
    expect(whoContributes('ED.99', snapshot)).toMatchObject({
      kind: 'notice',
      text: expect.stringContaining("I couldn't find ED.99"),
    });
  });

  test('"my team\'s targets": the targets of the people Mo manages, by person, with RAG and reason', () => {
    const view = list(teamTargets(snapshot, MO.id));
    expect(view.items.map((i) => [i.group, i.code, i.rag ?? '', i.reason ?? ''])).toEqual([
      [
        'Ann Adams',
        'TA.1/1',
        'amber',
        '▲ Amber as reported. The figures give Red: 9 against the Sept 2026 final target of 12; more than 5% worse',
      ],
      ['Bob Brown', 'TA.2/1', 'green', '● Green as reported: this target is reported in words.'],
      ['Bob Brown', 'TA.2/2', '', ''],
    ]);
    expect(view.items[2]?.detail).toContain("Deleted: Replaced by the council's pupil tracking system.");
    expect(teamTargets(snapshot, ANN.id)).toMatchObject({
      kind: 'notice',
      text: expect.stringContaining('Nobody in the plans names you as their line manager'),
    });
  });
});

test('a deleted target is not asked for in a monitoring cycle', async () => {
  await openCycle(
    {
      plan: 'los-school-improvement',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: MO.id,
    },
    new Date('2027-01-04T08:00:00Z'),
  );
  expect((await Cycle.findById('los-school-improvement:q3-2026-27').lean())?.targetCount).toBe(2);
});

test('levels, parents, links, kinds, cross-cutting themes and statuses round-trip in every form', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-los-round-'));
  for (const id of ['los-education-service', 'los-school-improvement', 'los-ann-adams']) {
    const exported = await exportPlan(id);
    for (const form of ['yaml', 'json', 'csv', 'xlsx']) {
      const file = path.join(dir, `${id}.${form}`);
      await writePlanFile(file, exported);
      const again = await readPlanFile(file, { maxBytes: 1 << 22 });
      expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(exported)));
      const revision = (await Plan.findById(id).lean())?.revision;
      expect((await importPlan(again, { by: 'test' })).changed).toBe(false);
      expect((await Plan.findById(id).lean())?.revision).toBe(revision);
    }
  }
  const service = await exportPlan('los-education-service');
  expect(service.plan).toMatchObject({
    kind: 'service',
    team: 'Education',
    crossCutting: [{ id: 'narrowing-the-gap', items: ['every-child-achieves', 'SE.1'] }],
  });
  expect(service.priorities[0]?.targets[1]).toMatchObject({ level: 'Measure', parent: 'SE.1/1' });
});
