import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { parse } from 'yaml';
import { importPlanFile } from '../../../services/plan/import';
import { PlanFileError, type Problem } from '../../../services/plan-file/problems';
import { planFileSchema, type PlanFile } from '../../../services/plan-file/schema';
import { writePlanFile } from '../../../services/plan-file/write';
import { useTestDatabase } from '../../support/database';
import { LINE_OF_SIGHT_FILES } from '../../fixtures/line-of-sight/load';

// Issue 15, "Bad input": a plan file whose levels, parents, contributes-to links, kind or
// objectives are wrong is refused with the row (or entry) and field named — in YAML and in the
// spreadsheet forms — and nothing is written.
useTestDatabase();
const MAX = 20 * 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-line-of-sight-'));
const [LEICESTER, SERVICE, TEAM, ANN] = LINE_OF_SIGHT_FILES as [string, string, string, string];
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test edits parsed YAML freely

const read = (file: string): Raw => parse(readFileSync(file, 'utf8')) as Raw;

/** Every document of every collection, to show that a refused import wrote nothing. */
async function everything(): Promise<string> {
  const all: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(mongoose.connection.collections))
    all[name] = (await c.find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  return JSON.stringify(all);
}

let n = 0;
/** Writes `raw` in `form`, imports it, and returns the problems; asserts nothing was written. */
async function refused(raw: Raw, form: 'yaml' | 'csv' | 'xlsx' = 'yaml'): Promise<Problem[]> {
  const file = path.join(dir, `bad-${++n}.${form}`);
  // The spreadsheet forms are written from the parsed shape (defaults filled in), as an export is.
  await writePlanFile(file, form === 'yaml' ? (raw as PlanFile) : planFileSchema.parse(raw));
  const before = await everything();
  const error = await importPlanFile(file, MAX, { by: 'test' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanFileError);
  expect(await everything()).toBe(before);
  return (error as PlanFileError).problems;
}

beforeAll(async () => {
  for (const file of [LEICESTER, SERVICE]) await importPlanFile(file, MAX, { by: 'test' });
});

const target = (raw: Raw, priority: number, index: number): Raw => raw.priorities[priority].targets[index];

describe('levels and parents', () => {
  test('an unknown level name is refused, naming the target and the field', async () => {
    const raw = read(SERVICE);
    target(raw, 0, 1).level = 'Sub-measure';
    expect(await refused(raw)).toEqual([
      {
        where: 'priority SE.1 › target SE.1/1a › level',
        message:
          'there is no level "Sub-measure" in this plan: its levels are Service outcome, Service priority, Service action, Measure (plan levels)',
      },
    ]);
  });

  test('…and in a spreadsheet, naming the row and the column', async () => {
    const raw = read(SERVICE);
    target(raw, 0, 1).level = 'Sub-measure';
    for (const form of ['csv', 'xlsx'] as const) {
      const [problem] = await refused(raw, form);
      // The targets sheet's row 3 (SE.1/1a); in the one-sheet CSV, its line among all the rows.
      expect(problem?.where).toEqual(
        form === 'xlsx'
          ? 'targets table, row 3, column level'
          : expect.stringMatching(/^targets table, row \d+, column level$/),
      );
      expect(problem?.message).toContain('there is no level "Sub-measure"');
    }
  });

  test('a level of the aims or priorities is not a target level', async () => {
    const raw = read(SERVICE);
    target(raw, 0, 0).level = 'service priority';
    expect(await refused(raw)).toContainEqual({
      where: 'priority SE.1 › target SE.1/1 › level',
      message:
        '"Service priority" is the level of the plan\'s priorities: a target sits at level 3 (Service action) or below',
    });
  });

  test('a parent that is not a target of the same priority is refused', async () => {
    const raw = read(SERVICE);
    target(raw, 0, 1).parent = 'SE.9/1';
    expect(await refused(raw)).toEqual([
      {
        where: 'priority SE.1 › target SE.1/1a › parent',
        message:
          '"SE.9/1" is not a target of priority SE.1: a parent is a target of the same priority, one level up',
      },
    ]);
  });

  test('a parent that is not one level up is refused', async () => {
    const raw = read(SERVICE);
    // SE.1/1 is at "Service action" (level 3); a "Measure" under a "Measure" is two levels off.
    target(raw, 0, 0).level = 'Measure';
    target(raw, 0, 0).parent = undefined;
    const problems = await refused(raw);
    expect(problems).toContainEqual({
      where: 'priority SE.1 › target SE.1/1 › parent',
      message:
        'a target at level "Measure" needs a parent: the id of a target of priority SE.1 at level "Service action"',
    });
    expect(problems).toContainEqual({
      where: 'priority SE.1 › target SE.1/1a › parent',
      message:
        '"SE.1/1" is at level "Measure", not one level above this target\'s "Measure": a parent is one level up',
    });
  });

  test('fewer than two levels, or one named twice, is refused', async () => {
    const raw = read(SERVICE);
    raw.plan.levels = ['Outcome'];
    expect(await refused(raw)).toContainEqual({
      where: 'plan › levels',
      message: 'name at least two levels, from the top (such as Priority, Improvement plan item)',
    });
  });
});

describe('contributes-to links', () => {
  test("a link to nothing is refused: another plan's missing item, a plan not in the database, this plan's", async () => {
    const raw = read(TEAM);
    raw.priorities[0].contributesTo = ['leicester-2003:ED.99', 'nowhere-2026:ED.1', 'TA.9'];
    expect(await refused(raw)).toEqual([
      {
        where: 'priority TA.1 › contributesTo 1',
        message: 'plan leicester-2003 has no aim, priority or target "ED.99"',
      },
      {
        where: 'priority TA.1 › contributesTo 2',
        message:
          'there is no plan "nowhere-2026" in the database: import it first, or check the plan id before the colon',
      },
      {
        where: 'priority TA.1 › contributesTo 3',
        message: 'there is no aim, priority or target "TA.9" in this plan',
      },
    ]);
  });

  test('…and in a spreadsheet, naming the row and the column', async () => {
    const raw = read(TEAM);
    raw.priorities[1].contributesTo = ['leicester-2003:ED.99'];
    for (const form of ['csv', 'xlsx'] as const) {
      const [problem] = await refused(raw, form);
      expect(problem).toEqual({
        where:
          form === 'xlsx'
            ? 'priorities table, row 3, column contributesTo'
            : expect.stringMatching(/^priorities table, row \d+, column contributesTo$/),
        message: 'plan leicester-2003 has no aim, priority or target "ED.99"',
      });
    }
  });

  test('a link to the item itself is refused', async () => {
    const raw = read(TEAM);
    raw.priorities[0].contributesTo = ['los-school-improvement:TA.1'];
    expect(await refused(raw)).toEqual([
      {
        where: 'priority TA.1 › contributesTo 1',
        message: '"los-school-improvement:TA.1" is this item itself: an item cannot contribute to itself',
      },
    ]);
  });

  test('a reference that is not one is refused by its shape', async () => {
    const raw = read(TEAM);
    raw.priorities[0].contributesTo = ['Leicester 2003: ED.1'];
    expect((await refused(raw))[0]?.message).toContain(
      'expected an item of a plan, such as "leicester-2003:ED.1"',
    );
  });

  test('a cycle of links across plans is refused, in YAML and in a spreadsheet', async () => {
    await importPlanFile(TEAM, MAX, { by: 'test' });
    // The team's TA.1 contributes to the service's SE.1/1; SE.1 contributing to TA.1 closes a loop.
    const raw = read(SERVICE);
    raw.priorities[0].contributesTo = ['los-school-improvement:TA.1'];
    const message =
      '"los-school-improvement:TA.1" makes a cycle of links: los-education-service:SE.1 → los-school-improvement:TA.1 → los-education-service:SE.1/1 → los-education-service:SE.1. An item cannot contribute, even through others, to something that contributes to it';
    expect(await refused(raw)).toEqual([{ where: 'priority SE.1 › contributesTo 1', message }]);
    expect(await refused(raw, 'xlsx')).toEqual([
      { where: 'priorities table, row 2, column contributesTo', message },
    ]);
    expect(await refused(raw, 'csv')).toEqual([
      { where: expect.stringMatching(/^priorities table, row \d+, column contributesTo$/), message },
    ]);
  });

  test('a link down to an item under itself is a cycle too', async () => {
    const raw = read(SERVICE);
    raw.aims[0].contributesTo = ['SE.1/1a'];
    expect((await refused(raw))[0]).toEqual({
      where: 'aim every-child-achieves › contributesTo 1',
      message: expect.stringContaining(
        'makes a cycle of links: los-education-service:every-child-achieves → los-education-service:SE.1/1a → los-education-service:SE.1/1 → los-education-service:SE.1 → los-education-service:every-child-achieves',
      ),
    });
  });
});

describe('plan kinds and objectives', () => {
  test('a team plan without its team, an individual plan without its person', async () => {
    const team = read(TEAM);
    delete team.plan.team;
    expect(await refused(team)).toContainEqual({
      where: 'plan › team',
      message: "a team plan needs the department it belongs to (team), as people's department names it",
    });
    const ann = read(ANN);
    delete ann.plan.person;
    expect(await refused(ann)).toContainEqual({
      where: 'plan › person',
      message: 'an individual plan needs the work email of the person whose objectives it holds (person)',
    });
  });

  test('two people claiming the same objective: the second individual plan is refused', async () => {
    await importPlanFile(ANN, MAX, { by: 'test' });
    const bob = read(ANN);
    bob.plan.id = 'los-bob-brown';
    bob.plan.title = 'Objectives of Bob Brown';
    bob.plan.person = 'bob.brown@leicester.gov.uk';
    expect(await refused(bob)).toEqual([
      {
        where: 'priority AA-1.1 › id',
        message:
          'objective "AA-1.1" is already claimed by ann.adams@leicester.gov.uk (individual plan los-ann-adams): an objective belongs to one person — give this one its own id',
      },
    ]);
    expect(await refused(bob, 'xlsx')).toEqual([
      {
        where: 'priorities table, row 2, column id',
        message: expect.stringContaining('already claimed by ann.adams'),
      },
    ]);
  });

  test("an objective owned by someone other than the plan's person is refused", async () => {
    const ann = read(ANN);
    ann.priorities[0].targets = [{ id: 'AA-1.1/1', text: 'Course run', owner: 'bob.brown@leicester.gov.uk' }];
    expect(await refused(ann)).toEqual([
      {
        where: 'priority AA-1.1 › target AA-1.1/1 › owner',
        message:
          "this is ann.adams@leicester.gov.uk's individual plan: an objective in it is theirs, not bob.brown@leicester.gov.uk's (two people would claim it). Move it to bob.brown@leicester.gov.uk's plan or leave owner out",
      },
    ]);
  });

  test('a cross-cutting theme naming something the plan lacks is refused', async () => {
    const raw = read(SERVICE);
    raw.plan.crossCutting = [{ id: 'big-1', title: 'Narrowing the gap', items: ['SE.1', 'SE.7'] }];
    expect(await refused(raw)).toEqual([
      {
        where: 'plan › crossCutting big-1 › item 2',
        message: 'there is no aim or priority with id "SE.7" in this plan',
      },
    ]);
  });
});
