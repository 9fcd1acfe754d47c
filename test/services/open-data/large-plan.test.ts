import { importPlan } from '../../../services/plan/import';
import { planFileSchema } from '../../../services/plan-file/schema';
import { openDataPlan } from '../../../services/open-data/build';
import { openDataCsv } from '../../../services/open-data/csv';
import { openDataHtml } from '../../../services/open-data/html';
import { useTestDatabase } from '../../support/database';

// "Bad input: a 1,000-target plan": the feed is built whole, in every form, in one pass.
useTestDatabase();
const AIMS = 10;
const PRIORITIES = 10;
const TARGETS = 10;

test('a plan of 1,000 targets with a confirmed figure each is published whole in JSON, CSV and HTML', async () => {
  const aims = Array.from({ length: AIMS }, (_, a) => ({ id: `aim-${a}`, title: `Nod ${a}: Môn` }));
  const priorities = aims.flatMap((aim, a) =>
    Array.from({ length: PRIORITIES }, (_, p) => ({
      id: `P${a}.${p}`,
      code: `P${a}.${p}`,
      aim: aim.id,
      title: `Blaenoriaeth ${a}.${p}`,
      targets: Array.from({ length: TARGETS }, (_, t) => ({
        id: `P${a}.${p}/${t}`,
        text: `Targed ${t}`,
        unit: 'percent' as const,
        direction: 'up' as const,
        baseline: { label: '2025/26', text: '50%', value: 50 },
        final: { label: '2027/28', text: '60%', value: 60 },
      })),
    })),
  );
  const updates = priorities.flatMap((p) =>
    p.targets.map((t, i) => ({
      target: t.id,
      value: 50 + i,
      asOf: '2026-09-30',
      at: '2026-10-05T09:00:00Z',
    })),
  );
  await importPlan(
    planFileSchema.parse({
      format: 'golden-thread-plan/1',
      plan: {
        id: 'mawr',
        title: 'Cynllun mawr',
        organisation: 'Cyngor Sir Ynys Môn',
        period: { label: '2026–2028', start: '2026-04-01', end: '2028-03-31' },
        status: 'adopted',
        version: 1,
      },
      aims,
      priorities,
      updates,
    }),
    { by: 'test' },
  );
  const started = process.hrtime.bigint();
  const data = await openDataPlan('mawr');
  const built = process.hrtime.bigint();
  const csv = openDataCsv(data!);
  const html = openDataHtml(data!);
  const rendered = process.hrtime.bigint();
  // Measured, not asserted (2 shared cores): printed for the README's figures.
  console.log(
    `open data, 1,000 targets: built in ${Number(built - started) / 1e6} ms, CSV + HTML in ${Number(rendered - built) / 1e6} ms; ` +
      `JSON ${JSON.stringify(data).length} B, CSV ${csv.length} B, HTML ${html.length} B; heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
  const targets = data!.aims.flatMap((a) => a.priorities.flatMap((p) => p.targets));
  expect(targets).toHaveLength(AIMS * PRIORITIES * TARGETS);
  expect(targets.every((t) => t.latestConfirmed?.asOf === '2026-09-30')).toBe(true);
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + AIMS * PRIORITIES * TARGETS);
  expect(html.match(/<table/g)).toHaveLength(AIMS);
});
