import { readPlanFile } from '../../services/plan-file/read';
import type { PlanFile } from '../../services/plan-file/schema';
import { planPath, seedText, squash } from './seed-text';

// Leeds' Council Business Plan 2008 to 2011 (seed 003): three business outcomes, the improvement
// priorities under "By 2011 we want to:", and three big ideas that cut across them. Every title is
// printed in the seed as it stands, in the seed's order; the seed prints no performance indicator.
const seed = seedText('leeds-2008.txt');
let plan: PlanFile;

beforeAll(async () => {
  plan = await readPlanFile(planPath('leeds-2008.yaml'), { maxBytes: 1024 * 1024 });
});

/** The seed's bullet lines (and the three priorities printed without a bullet), as printed. */
const printedPriorities = (): string[] => {
  const lines = seed.text.split('\n').map((l) => l.trim());
  const bullets = lines.filter((l) => /^[-]\s/.test(l)).map((l) => l.slice(2));
  const unbulleted = [
    'Implement a commissioning approach which is based on need, delivers value for money and ensures the best provider.',
    'Develop sustainable and effective partnership governance framework',
    'Improve quality and efficiency of support services',
  ];
  return [...bullets, ...unbulleted]
    .map((l) => l.replace(/ BIG IDEA$/, ''))
    .sort((a, b) => seed.squashed.indexOf(a) - seed.squashed.indexOf(b));
};

test('levels in Leeds’ words; the three business outcomes as printed', () => {
  expect(plan.plan).toMatchObject({ id: 'leeds-2008', title: 'Council Business Plan 2008 to 2011' });
  expect(plan.plan.levels).toEqual(['Business outcome', 'Improvement priority', 'Performance indicator']);
  expect(plan.aims.map((a) => a.title)).toEqual([
    'We are a values led organisation and our people are motivated and empowered',
    'We are an intelligent organisation, using good quality information to deliver better outcomes',
    'Our resources are clearly prioritised to provide excellent services and value for money',
  ]);
  plan.aims.forEach((a, i) => expect(seed.squashed).toContain(`Business Outcome ${i + 1} ${a.title}`));
});

test('every improvement priority, worded and ordered as printed, under its outcome', () => {
  // The seed mentions the three "Business Outcome" headings once each, in order: a priority
  // belongs to the last one printed before it.
  const outcomeAt = [1, 2, 3].map((n) => seed.squashed.indexOf(`Business Outcome ${n} `));
  const outcomeOf = (title: string) => {
    const at = seed.squashed.indexOf(title);
    return outcomeAt.filter((o) => o <= at).length - 1;
  };
  expect(plan.priorities.map((p) => p.title)).toEqual(printedPriorities());
  expect(plan.priorities).toHaveLength(38);
  for (const p of plan.priorities) expect(plan.aims[outcomeOf(p.title)]?.id).toBe(p.aim);
  const perOutcome = plan.aims.map((a) => plan.priorities.filter((p) => p.aim === a.id).length);
  expect(perOutcome).toEqual([14, 12, 12]);
});

test('the three big ideas, each with its outcome and the priority the seed marks BIG IDEA', () => {
  const printed = seed.text
    .split('\n')
    .map((l) => l.trim())
    .flatMap((l, i, all) => (l === 'BIG IDEA' ? [all.slice(i + 1).find((n) => n !== '') ?? ''] : []));
  expect(plan.plan.crossCutting.map((c) => c.title)).toEqual(printed);
  expect(printed).toHaveLength(3);
  const marked = seed.text
    .split('\n')
    .filter((l) => l.trim().endsWith(' BIG IDEA'))
    .map((l) =>
      l
        .trim()
        .replace(/^- /, '')
        .replace(/ BIG IDEA$/, ''),
    );
  const titleOf = (key: string) =>
    plan.aims.find((a) => a.id === key)?.title ?? plan.priorities.find((p) => p.id === key)?.title;
  expect(plan.plan.crossCutting.map((c) => c.items.map(titleOf))).toEqual([
    [plan.aims[0]?.title, marked[0]],
    [plan.aims[1]?.title],
    [plan.aims[2]?.title, marked[1]],
  ]);
  expect(marked).toHaveLength(2);
});

test('every text is the seed’s own words in order; nothing it does not print', () => {
  const texts = [plan.plan.purpose ?? '', plan.plan.title, ...plan.plan.crossCutting.map((c) => c.title)];
  expect(texts.filter((t) => !seed.inOrder(t))).toEqual([]);
  // The purpose is the seed's first two paragraphs, whole.
  expect(squash(plan.plan.purpose ?? '')).toBe(
    squash(seed.text.slice(seed.text.indexOf('The Council'), seed.text.indexOf('Our ambitions within'))),
  );
  // Performance indicators are mentioned, never printed: the level is named and empty.
  expect(plan.priorities.flatMap((p) => p.targets)).toEqual([]);
  expect(plan.priorities.filter((p) => p.code !== undefined || p.how.length || p.benefits.length)).toEqual(
    [],
  );
  expect(plan.people).toEqual([]);
  expect(plan.updates).toEqual([]);
  expect(plan.risks).toEqual([]);
});
