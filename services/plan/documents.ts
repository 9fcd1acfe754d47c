import { createHash } from 'node:crypto';
import type { PlanFile, UpdateEntry } from '../plan-file/schema';
import { statementOf } from '../plan-file/stated';

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
  cycles: Doc[];
  /** Each cycle's CycleTarget rows, with what was submitted worked out from the file's updates. */
  cycleTargets: Doc[];
  /**
   * By document id, fields the file left out that carry only the format's default: they are
   * written to a new document, never over a stored one (an absent field is not stated).
   */
  soft: Map<string, string[]>;
}

/** The `_id` of a cycle's CycleTarget row, as services/cycle/open.ts makes it. */
export const askedId = (cycle: string, target: string) => `${cycle}|${target}`;

/** The documents a plan file describes, in the shape the models store. */
export function toDocuments(file: PlanFile): PlanDocuments {
  const { id: planId, ...plan } = file.plan;
  let order = 0;
  const soft = new Map<string, string[]>();
  // A cleared field is null in the document: the diff unsets it. Soft fields are noted by id.
  const stated = <T extends Doc>(entry: object, doc: T): T => {
    const statement = statementOf(entry);
    if (!statement) return doc;
    for (const field of statement.cleared) (doc as Record<string, unknown>)[field] = null;
    if (statement.defaulted.length) soft.set(doc._id, statement.defaulted);
    return doc;
  };
  const updates = file.updates.map((u) =>
    compact({
      _id: scoped(planId, updateKey(u)),
      plan: planId,
      ...omitId(u),
      cycle: u.cycle && scoped(planId, u.cycle),
      at: new Date(u.at),
    }),
  );
  // What a cycle shows as submitted for a target is its newest update in that cycle.
  const submitted = new Map<string, Doc>();
  for (const u of updates) {
    if (!u.cycle) continue;
    const id = askedId(String(u.cycle), scoped(planId, String(u.target)));
    const seen = submitted.get(id);
    if (!seen || (seen.at as Date).getTime() <= (u.at as Date).getTime()) submitted.set(id, u);
  }
  const cycles = file.cycles.map(({ id, targets, ...c }) =>
    compact({ _id: scoped(planId, id), plan: planId, ...c, targetCount: targets.length }),
  );
  const cycleTargets = file.cycles.flatMap((c) =>
    c.targets.map((t) => {
      const cycle = scoped(planId, c.id);
      const target = scoped(planId, t.target);
      const _id = askedId(cycle, target);
      const u = submitted.get(_id);
      return compact({
        _id,
        cycle,
        target,
        owner: t.owner,
        submitted: u && compact({ update: u._id, by: u.by, at: u.at, rag: u.rag, channel: u.channel }),
      });
    }),
  );
  return {
    soft,
    cycles,
    cycleTargets,
    plan: stated(file.plan, compact({ _id: planId, ...plan })),
    aims: file.aims.map((a, i) =>
      stated(a, compact({ _id: scoped(planId, a.id), plan: planId, key: a.id, ...omitId(a), order: i })),
    ),
    priorities: file.priorities.map((entry, i) => {
      const { targets: _targets, ...p } = entry;
      return stated(
        entry,
        compact({ _id: scoped(planId, p.id), plan: planId, key: p.id, ...omitId(p), order: i }),
      );
    }),
    targets: file.priorities.flatMap((p) =>
      p.targets.map((t) =>
        stated(
          t,
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
    ),
    people: file.people.map((p) => stated(p, compact({ _id: p.id, ...omitId(p) }))),
    updates,
  };
}

function omitId<T extends { id?: unknown }>(entry: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = entry;
  return rest;
}
