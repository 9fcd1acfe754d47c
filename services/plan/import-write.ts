import type { Model } from 'mongoose';
import { insertPlain } from '../../models/insert-plain';
import type { Change, Diff } from './diff';

/** The one Model method the writer needs besides insertPlain's, loose enough to take every plan collection. */
interface BulkWriter {
  bulkWrite(ops: object[], options: { ordered: boolean }): Promise<unknown>;
}

/**
 * Fields the system keeps on some of a collection's documents (a target's latest figures), written
 * together with the file's changes: not the file's, so not audited. Made when a batch is written
 * (`of`), not held for every document at once.
 */
export interface Extra {
  /** The documents that get them. */
  ids: readonly string[];
  of(id: string): Record<string, unknown> | undefined;
}

const NONE: Extra = { ids: [], of: () => undefined };
const BATCH = 1000;

type Op = { change: Change } | { id: string } | { remove: string };

/**
 * Writes one collection's diff (services/plan/diff.ts): new documents with insertPlain (the plan
 * file's schema checked them: mongoose does not again), changes and removals with `bulkWrite` (cast,
 * `updatedAt` set), a thousand at a time. `changes` are the diff's changes to write (none when the
 * import keeps what is stored); `prune` removes the documents the file no longer lists.
 */
export async function writeDiff(
  model: unknown,
  diff: Diff,
  options: {
    changes: readonly Change[];
    prune: boolean;
    extra?: Extra;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<void> {
  const { changes, prune, extra = NONE, onProgress } = options;
  const changed = new Set(changes.map((c) => c.id));
  const created = new Set(diff.create.map((d) => d._id));
  const ops: Op[] = [
    ...changes.map((change) => ({ change })),
    ...extra.ids.filter((id) => !changed.has(id) && !created.has(id)).map((id) => ({ id })),
    ...(prune ? diff.missing.map((d) => ({ remove: d._id })) : []),
  ];
  const total = diff.create.length + ops.length;
  await insertPlain(model as Model<never>, diff.create, {
    toDocument: (d) => ({ ...d, ...extra.of(d._id) }),
    onBatch: (done) => onProgress?.(done, total),
  });
  for (let i = 0; i < ops.length; i += BATCH) {
    const batch = ops.slice(i, i + BATCH).map((op) => {
      if ('remove' in op) return { deleteOne: { filter: { _id: op.remove } } };
      if ('id' in op) return update(op.id, extra.of(op.id) ?? {}, []);
      const { id, set, unset } = op.change;
      return update(id, { ...set, ...extra.of(id) }, unset);
    });
    await (model as BulkWriter).bulkWrite(batch, { ordered: true });
    onProgress?.(diff.create.length + Math.min(i + BATCH, ops.length), total);
  }
}

function update(id: string, set: Record<string, unknown>, unset: readonly string[]) {
  return {
    updateOne: {
      filter: { _id: id },
      update: {
        ...(Object.keys(set).length ? { $set: set } : {}),
        ...(unset.length ? { $unset: Object.fromEntries(unset.map((f) => [f, 1])) } : {}),
      },
    },
  };
}
