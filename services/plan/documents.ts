import { createHash } from 'node:crypto';
import type { PlanFile, UpdateEntry } from '../plan-file/schema';

/** A document as stored, before mongoose: plain data keyed by natural `_id`. */
export type Doc = { _id: string } & Record<string, unknown>;

export const scoped = (plan: string, key: string) => `${plan}:${key}`;
export const unscoped = (id: string) => id.slice(id.indexOf(':') + 1);

/** Updates without an id in the file get one from their content, so a re-import finds them again. */
export function updateKey(u: UpdateEntry): string {
  if (u.id) return u.id;
  const content = JSON.stringify([u.target, u.asOf, u.at, u.value ?? null, u.text ?? null, u.by ?? null]);
  return `u-${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}

/** Drops undefined fields so that a document compares equal to what the database hands back. */
export function compact<T extends Record<string, unknown>>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

export interface PlanDocuments {
  plan: Doc;
  aims: Doc[];
  priorities: Doc[];
  targets: Doc[];
  people: Doc[];
  updates: Doc[];
}

/** The documents a plan file describes, in the shape the models store. */
export function toDocuments(file: PlanFile): PlanDocuments {
  const { id: planId, ...plan } = file.plan;
  let order = 0;
  return {
    plan: compact({ _id: planId, ...plan }),
    aims: file.aims.map((a, i) =>
      compact({ _id: scoped(planId, a.id), plan: planId, key: a.id, ...omitId(a), order: i }),
    ),
    priorities: file.priorities.map(({ targets: _targets, ...p }, i) =>
      compact({ _id: scoped(planId, p.id), plan: planId, key: p.id, ...omitId(p), order: i }),
    ),
    targets: file.priorities.flatMap((p) =>
      p.targets.map((t) =>
        compact({
          _id: scoped(planId, t.id),
          plan: planId,
          key: t.id,
          priority: p.id,
          ...omitId(t),
          order: order++,
        }),
      ),
    ),
    people: file.people.map((p) => compact({ _id: p.id, ...omitId(p) })),
    updates: file.updates.map((u) =>
      compact({ _id: scoped(planId, updateKey(u)), plan: planId, ...omitId(u), at: new Date(u.at) }),
    ),
  };
}

function omitId<T extends { id?: unknown }>(entry: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = entry;
  return rest;
}
