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

/** The documents a plan file describes, but for its updates: those are made a batch at a time. */
export interface ItemDocuments {
  plan: Doc;
  aims: Doc[];
  priorities: Doc[];
  targets: Doc[];
  people: Doc[];
  /** Each of the file's updates' `_id` as stored (`plan:key`), in the file's order. */
  updateIds: string[];
  cycles: Doc[];
  /** Each cycle's CycleTarget rows, with what was submitted worked out from the file's updates. */
  cycleTargets: Doc[];
  /**
   * By document id, fields the file left out that carry only the format's default: they are
   * written to a new document, never over a stored one (an absent field is not stated).
   */
  soft: Map<string, string[]>;
}

export interface PlanDocuments extends ItemDocuments {
  updates: Doc[];
}

/** The `_id` of a cycle's CycleTarget row, as services/cycle/open.ts makes it. */
export const askedId = (cycle: string, target: string) => `${cycle}|${target}`;

/** The documents a plan file describes, in the shape the models store. */
export function toDocuments(file: PlanFile): PlanDocuments {
  const items = itemDocuments(file);
  const planId = items.plan._id;
  return {
    ...items,
    updates: file.updates.map((u, i) => updateDocument(planId, items.updateIds[i] ?? '', u)),
  };
}

/**
 * An update as the `updates` collection stores it: `id` is its `_id` (from `updateIds`). `status`
 * stays on it unless `stored` (the model keeps no such field: models/update.ts).
 */
export function updateDocument(planId: string, id: string, u: UpdateEntry, stored = false): Doc {
  // Field by field rather than spread and compact: a large import makes 100,000 of these.
  const doc: Doc = { _id: id, plan: planId };
  const entry = u as Record<string, unknown>;
  for (const field in entry)
    if (entry[field] !== undefined && field !== 'id' && !(stored && field === 'status'))
      doc[field] = entry[field];
  if (u.cycle !== undefined) doc.cycle = scoped(planId, u.cycle);
  doc.at = new Date(u.at);
  return doc;
}

/**
 * `toDocuments` without the update documents: a large plan's history is made into documents a
 * batch at a time as it is written (services/plan/import.ts), never all at once.
 */
export function itemDocuments(file: PlanFile): ItemDocuments {
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
  const updateIds = file.updates.map((u) => scoped(planId, updateKey(u)));
  // What a cycle shows as submitted for a target is its newest update in that cycle (the later
  // in the file of two at the same moment).
  const submitted = new Map<string, { i: number; at: number }>();
  file.updates.forEach((u, i) => {
    if (!u.cycle) return;
    const id = askedId(scoped(planId, u.cycle), scoped(planId, u.target));
    const at = new Date(u.at).getTime();
    const seen = submitted.get(id);
    if (!seen || seen.at <= at) submitted.set(id, { i, at });
  });
  const cycles = file.cycles.map(({ id, targets, ...c }) =>
    compact({ _id: scoped(planId, id), plan: planId, ...c, targetCount: targets.length }),
  );
  const cycleTargets = file.cycles.flatMap((c) =>
    c.targets.map((t) => {
      const cycle = scoped(planId, c.id);
      const target = scoped(planId, t.target);
      const _id = askedId(cycle, target);
      const seen = submitted.get(_id);
      const u = seen && file.updates[seen.i];
      return compact({
        _id,
        cycle,
        target,
        owner: t.owner,
        submitted:
          seen &&
          u &&
          compact({
            update: updateIds[seen.i],
            by: u.by,
            at: new Date(seen.at),
            rag: u.rag,
            channel: u.channel,
          }),
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
    updateIds,
  };
}

function omitId<T extends { id?: unknown }>(entry: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = entry;
  return rest;
}
