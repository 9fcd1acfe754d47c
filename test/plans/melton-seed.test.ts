import { readPlanFile } from '../../services/plan-file/read';
import type { PlanFile } from '../../services/plan-file/schema';
import { planPath, seedText } from './seed-text';

// Melton's Corporate Issues report (seed 004): six key issues and what is being done about each,
// the Improvement Plan's status (deleted matters kept, with the reason), line of sight as the
// report states it, and its risk matrix with the two risks it prints — and nothing it does not.
const seed = seedText('melton-2011.txt');
let plan: PlanFile;

beforeAll(async () => {
  plan = await readPlanFile(planPath('melton-2011.yaml'), { maxBytes: 1024 * 1024 });
});

test('two levels: the report’s six key issues, in its order, and the items under them', () => {
  expect(plan.plan).toMatchObject({ id: 'melton-2011', organisation: 'Melton Borough Council' });
  expect(plan.plan.levels).toEqual(['Key issue', 'Item']);
  expect(seed.text).toContain('3.0 KEY ISSUES');
  expect(plan.aims.map((a) => a.title)).toEqual([
    'Improvement Plan',
    'Corporate Plan',
    'Performance Management Task Group',
    'Extraordinary Efficiency Task Group',
    'Countywide Position',
    'Access to Services (Total Place)',
  ]);
  plan.aims.forEach((a, i) => expect(seed.text).toContain(`3.${i + 1} ${a.title}`));
  const perIssue = plan.aims.map((a) => plan.priorities.filter((p) => p.aim === a.id).length);
  expect(perIssue).toEqual([4, 3, 3, 1, 2, 2]);
});

test('every text is the report’s own words, in its order, and the items follow the report', () => {
  const texts = [
    plan.plan.purpose ?? '',
    ...plan.aims.flatMap((a) => [a.title, a.description ?? '']),
    ...plan.priorities.flatMap((p) => [p.title, ...p.how, ...p.benefits, p.statusNote ?? '']),
    ...plan.risks.map((r) => r.title),
  ].filter((t) => t !== '');
  expect(texts.filter((t) => !seed.inOrder(t))).toEqual([]);
  const positions = plan.priorities.map((p) => seed.at(p.title));
  expect(positions.filter((p) => p < 0)).toEqual([]);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
});

test('status only as stated: the deleted matters kept with their reason, the monitoring continuing', () => {
  expect(plan.priorities.filter((p) => p.status !== undefined).map((p) => [p.id, p.status])).toEqual([
    ['IP.1', 'deleted'],
    ['IP.3', 'open'],
  ]);
  const deleted = plan.priorities.find((p) => p.id === 'IP.1');
  expect(seed.squashed).toContain(deleted?.statusNote);
  expect(deleted?.statusNote).toMatch(/deletion of matters which are no longer relevant/);
  expect(seed.squashed).toContain(plan.priorities.find((p) => p.id === 'IP.3')?.statusNote);
});

test('line of sight as the report states it', () => {
  const item = plan.priorities.find((p) => p.id === 'PM.1');
  expect(item?.title).toContain(
    '“Line of Sight” through the Organisation from the key Corporate Priorities to the Teams and delivery by individuals',
  );
  expect(seed.squashed).toContain(item?.title);
});

test('the risk matrix and the two risks exactly as printed: D / III, nothing else', () => {
  const rows = seed.text.split('\n').filter((l) => /^[A-Za-z ]+ [A-F]\t/.test(l));
  // "Very High A", "High B" …: each step of the probability scale, as the grid prints it, top down.
  expect(rows.map((r) => r.split('\t')[0])).toEqual(
    plan.plan.riskMatrix?.probability?.map((s) => `${s.name} ${s.code}`),
  );
  // The impact axis is printed least first, its words split by the PDF's hyphenation.
  const axis =
    seed.text
      .split('\n')
      .find((l) => l.includes('IV Neg'))
      ?.split('\t')
      .slice(1) ?? [];
  expect(axis.map((c) => c.replace(/- /g, ''))).toEqual(
    [...(plan.plan.riskMatrix?.impact ?? [])].reverse().map((s) => `${s.code} ${s.name}`),
  );
  // Each risk number's cell: its row's probability, its column's impact.
  const placed = new Map<string, [string, string]>();
  for (const row of rows) {
    const cells = row.split('\t');
    cells.slice(1).forEach((cell, column) => {
      for (const n of cell
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean))
        placed.set(n, [cells[0]?.slice(-1) ?? '', axis[column]?.split(' ')[0] ?? '']);
    });
  }
  expect([...placed.entries()]).toEqual([
    ['1', ['D', 'III']],
    ['2', ['D', 'III']],
  ]);
  expect(plan.risks.map((r) => [r.id, r.probability, r.impact])).toEqual([
    ['1', 'D', 'III'],
    ['2', 'D', 'III'],
  ]);
  for (const r of plan.risks) expect(seed.text).toContain(`${r.id}\t${r.title}`);
  // The report prints no bands, owner, cause, effect, target score, controls, actions or review date.
  expect(plan.plan.riskMatrix?.bands).toBeUndefined();
  for (const r of plan.risks)
    expect(r).toEqual({
      id: r.id,
      title: r.title,
      probability: 'D',
      impact: 'III',
      controls: [],
      actions: [],
      links: expect.any(Array),
    });
  expect(plan.risks.map((r) => r.links)).toEqual([['improvement-plan'], ['countywide-position']]);
});

test('no targets, figures, people or updates: the report prints none', () => {
  expect(plan.priorities.flatMap((p) => p.targets)).toEqual([]);
  expect(plan.priorities.filter((p) => p.code !== undefined)).toEqual([]);
  expect(plan.people).toEqual([]);
  expect(plan.updates).toEqual([]);
});
