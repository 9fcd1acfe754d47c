import { normaliseCode } from '../plan/codes';
import type { Path } from './problems';
import type { PlanFile } from './schema';
import { riskProblems } from '../risk/file';

export interface ReferenceProblem {
  path: Path;
  message: string;
}

/**
 * Checks what a schema cannot: ids unique, names resolvable, and no two priorities answering to the
 * same typed code. `knownPeople` are people already in the database, who may be named without
 * being listed in the file.
 */
export function checkReferences(
  file: PlanFile,
  knownPeople: ReadonlySet<string> = new Set(),
  knownCycles: ReadonlySet<string> = new Set(),
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const unique = (kind: string, entries: { id?: string; path: Path }[]) => {
    const seen = new Map<string, Path>();
    for (const { id, path } of entries) {
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first) problems.push({ path: [...path, 'id'], message: `the ${kind} id "${id}" is used twice` });
      else seen.set(id, path);
    }
    return seen;
  };

  const aims = unique(
    'aim',
    file.aims.map((a, i) => ({ id: a.id, path: ['aims', i] })),
  );
  unique(
    'priority',
    file.priorities.map((p, i) => ({ id: p.id, path: ['priorities', i] })),
  );
  const targets = unique(
    'target',
    file.priorities.flatMap((p, i) =>
      p.targets.map((t, j) => ({ id: t.id, path: ['priorities', i, 'targets', j] })),
    ),
  );
  const people = unique(
    'person',
    file.people.map((p, i) => ({ id: p.id, path: ['people', i] })),
  );
  unique(
    'update',
    file.updates.map((u, i) => ({ id: u.id, path: ['updates', i] })),
  );

  const codes = new Map<string, string>();
  file.priorities.forEach((p, i) => {
    if (!aims.has(p.aim))
      problems.push({ path: ['priorities', i, 'aim'], message: `there is no aim with id "${p.aim}"` });
    for (const name of new Set(
      [p.id, p.code, ...p.aliases].filter((n): n is string => !!n).map(normaliseCode),
    )) {
      const other = codes.get(name);
      if (other && other !== p.id) {
        problems.push({
          path: ['priorities', i, 'aliases'],
          message: `"${name}" would name both ${other} and ${p.id}`,
        });
      } else codes.set(name, p.id);
    }
  });

  const isPerson = (id: string) => people.has(id) || knownPeople.has(id);
  file.priorities.forEach((p, i) =>
    p.targets.forEach((t, j) => {
      for (const field of ['owner', 'deputy'] as const) {
        const id = t[field];
        if (id && !isPerson(id))
          problems.push({
            path: ['priorities', i, 'targets', j, field],
            message: `"${id}" is not in people`,
          });
      }
    }),
  );
  file.people.forEach((p, i) => {
    if (p.lineManager && !isPerson(p.lineManager)) {
      problems.push({ path: ['people', i, 'lineManager'], message: `"${p.lineManager}" is not in people` });
    }
  });
  const cycles = unique(
    'cycle',
    file.cycles.map((c, i) => ({ id: c.id, path: ['cycles', i] })),
  );
  file.cycles.forEach((c, i) => {
    const asked = new Set<string>();
    c.targets.forEach((t, j) => {
      const path = ['cycles', i, 'targets', j];
      if (!targets.has(t.target))
        problems.push({ path: [...path, 'target'], message: `there is no target with id "${t.target}"` });
      else if (asked.has(t.target))
        problems.push({ path: [...path, 'target'], message: `"${t.target}" is listed twice in this cycle` });
      asked.add(t.target);
      if (t.owner && !isPerson(t.owner))
        problems.push({ path: [...path, 'owner'], message: `"${t.owner}" is not in people` });
    });
  });
  file.updates.forEach((u, i) => {
    if (!targets.has(u.target))
      problems.push({ path: ['updates', i, 'target'], message: `there is no target with id "${u.target}"` });
    if (u.cycle && !cycles.has(u.cycle) && !knownCycles.has(u.cycle))
      problems.push({ path: ['updates', i, 'cycle'], message: `there is no cycle with id "${u.cycle}"` });
  });
  // The risk register: positions on the plan's matrix, owners, links (services/risk/file.ts).
  problems.push(...riskProblems(file, isPerson));
  return problems;
}
