import { PLAN_FORMAT, type PlanFile } from '../services/plan-file/schema';

/** A deterministic plan of the size the benchmarks ask for: aims × priorities × targets, and updates. */
export function generatePlan(priorities = 500, targetsEach = 10, updates = 100_000): PlanFile {
  const aims = Array.from({ length: 10 }, (_, i) => ({
    id: `aim-${i}`,
    code: `A${i}`,
    title: `Aim ${i}`,
    description: `Strategic aim number ${i}`,
    aliases: [],
    contributesTo: [],
  }));
  const people = Array.from({ length: 200 }, (_, i) => ({
    id: `officer${i}@bench.gov.uk`,
    name: `Officer ${i}`,
    department: `Department ${i % 12}`,
    roles: ['owner' as const],
  }));
  const targetIds: string[] = [];
  const list = Array.from({ length: priorities }, (_, p) => {
    const id = `A${p % 10}.${Math.floor(p / 10) + 1}`;
    return {
      id,
      code: id,
      aliases: [id.replace('.', '')],
      aim: `aim-${p % 10}`,
      title: `Priority ${id}: improve recycling, attainment and safety in neighbourhood ${p}`,
      how: [`Work with partners on programme ${p}.`, 'Monitor progress quarterly.'],
      supportedBy: [],
      contributesTo: [],
      benefits: ['Residents see a cleaner, safer city.'],
      targets: Array.from({ length: targetsEach }, (_, t) => {
        const tid = `${id}/${t + 1}`;
        targetIds.push(tid);
        return {
          id: tid,
          kind: 'target' as const,
          text: `To increase measure ${tid} from ${40 + (t % 10)}% to ${50 + (t % 10)}% by 2029 (BV ${p * 10 + t}).`,
          piCodes: [`BV ${p * 10 + t}`],
          contributesTo: [],
          unit: 'percent' as const,
          direction: 'up' as const,
          baseline: { label: '2025/26', text: `${40 + (t % 10)}%`, value: 40 + (t % 10) },
          final: { label: '2029', text: `${50 + (t % 10)}%`, value: 50 + (t % 10) },
          owner: `officer${(p * targetsEach + t) % 200}@bench.gov.uk`,
        };
      }),
    };
  });
  const start = Date.UTC(2026, 0, 1);
  return {
    format: PLAN_FORMAT,
    plan: {
      id: 'bench-plan',
      title: 'Benchmark Plan',
      organisation: 'Bench Borough Council',
      period: { label: '2026–2029' },
      status: 'adopted',
      version: 1,
      values: [],
      crossCutting: [],
    },
    aims,
    priorities: list,
    people,
    updates: Array.from({ length: updates }, (_, i) => {
      const at = new Date(start + i * 60_000);
      return {
        id: `bench-${i}`,
        target: targetIds[i % targetIds.length] as string,
        value: 40 + (i % 17),
        asOf: at.toISOString().slice(0, 10),
        rag: (['red', 'amber', 'green'] as const)[i % 3],
        by: `officer${i % 200}@bench.gov.uk`,
        at: at.toISOString(),
        channel: 'import' as const,
      };
    }),
    cycles: [],
    risks: [],
  };
}
