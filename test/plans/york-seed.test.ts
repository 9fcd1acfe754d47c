import { readPlanFile } from '../../services/plan-file/read';
import type { PlanFile, TargetEntry } from '../../services/plan-file/schema';
import { planPath, seedText } from './seed-text';

// York's corporate strategy as its refresh report (seed 002) prints it: eight themes, and under
// them medium term (three year) improvements, one year actions and KPIs — four levels, not squeezed
// into three. Every text is the report's own words in its order; nothing it does not print.
const seed = seedText('york-2008.txt');
let plan: PlanFile;
const targets = (): (TargetEntry & { priority: string })[] =>
  plan.priorities.flatMap((p) => p.targets.map((t) => ({ ...t, priority: p.id })));

beforeAll(async () => {
  plan = await readPlanFile(planPath('york-2009.yaml'), { maxBytes: 1024 * 1024 });
});

test('four levels in York’s words: theme → 3-year improvement → one-year action → KPI', () => {
  expect(plan.plan).toMatchObject({ id: 'york-2009', organisation: 'City of York Council' });
  expect(plan.plan.levels).toEqual(['Theme', '3-year improvement', 'One-year action', 'KPI']);
  // Para 6: "eight themes … medium term (three year) improvements … one year actions"; para 12: KPIs.
  expect(seed.squashed).toContain(
    'there will be eight themes, and under each theme there will be medium term (three year) improvements, as well as one year actions',
  );
  expect(seed.squashed).toContain("Key Performance Indicators (KPI's)");
});

test('the eight themes, in the order para 5 names them', () => {
  expect(plan.aims.map((a) => a.title)).toEqual([
    'Sustainable City',
    'Learning City',
    'Thriving City',
    'Inclusive City',
    'Healthy City',
    'City of Culture',
    'Safer City',
    'Effective Organisation',
  ]);
  const positions = plan.aims.map((a) => seed.at(`the ${a.title}`));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
});

test('counts per level: 5 improvements, 8 one-year actions, 1 KPI under its action', () => {
  expect(plan.priorities.map((p) => p.id)).toEqual(['EO.1', 'EO.2', 'EO.3', 'IC.1', 'SAF.1']);
  const byLevel = (level: string) => targets().filter((t) => t.level === level);
  expect(byLevel('One-year action')).toHaveLength(8);
  expect(byLevel('One-year action').every((t) => t.kind === 'action' && t.parent === undefined)).toBe(true);
  expect(byLevel('KPI')).toEqual([
    expect.objectContaining({ id: 'EO.3/3', kind: 'kpi', parent: 'EO.3/2', priority: 'EO.3' }),
  ]);
  expect(targets()).toHaveLength(9);
  // The report names no Safer City action: none is invented.
  expect(plan.priorities.find((p) => p.id === 'SAF.1')?.targets).toEqual([]);
  // Themes it gives nothing for stay empty.
  const used = new Set(plan.priorities.map((p) => p.aim));
  expect(plan.aims.filter((a) => !used.has(a.id)).map((a) => a.id)).toEqual([
    'sustainable-city',
    'learning-city',
    'thriving-city',
    'healthy-city',
    'city-of-culture',
  ]);
});

test('every text in the file is the report’s own words, in the report’s order', () => {
  const texts = [
    plan.plan.purpose ?? '',
    ...plan.aims.flatMap((a) => [a.title, a.description ?? '']),
    ...plan.priorities.flatMap((p) => [p.title, ...p.how, ...p.supportedBy, ...p.benefits]),
    ...targets().map((t) => t.text),
  ].filter((t) => t !== '');
  expect(texts.length).toBeGreaterThan(25);
  expect(texts.filter((t) => !seed.inOrder(t))).toEqual([]);
});

test('nothing the report does not print: no codes, figures, owners, people or updates', () => {
  expect(plan.priorities.filter((p) => p.code !== undefined)).toEqual([]);
  for (const t of targets()) {
    expect([t.baseline, t.interim, t.final, t.owner, t.unit, t.direction]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(t.piCodes).toEqual([]);
  }
  expect(plan.people).toEqual([]);
  expect(plan.updates).toEqual([]);
  // Dates only where the report names the month: the January workshops and the April 2009 launch.
  expect(
    targets()
      .filter((t) => t.due)
      .map((t) => [t.id, t.due]),
  ).toEqual([
    ['EO.1/1', '2009-01-31'],
    ['EO.1/3', '2009-04-30'],
  ]);
  expect(seed.squashed).toContain('workshops planned for January');
  expect(seed.squashed).toContain('launched in April 2009');
});
