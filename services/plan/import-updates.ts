import { Update } from '../../models';
import { insertPlain } from '../../models/insert-plain';
import { anyOf } from '../../models/operators';
import type { UpdateEntry } from '../plan-file/schema';
import { scoped, updateDocument } from './documents';
import type { Extra } from './import-write';
import { rankLatest, type CurrentFigures, type Snapshot } from './latest';

/** Ids per `$in` lookup: FerretDB's SQLite backend reads by the `_id` index up to 1,000 (models/embedded/ferretdb). */
const LOOKUP = 1000;
/** Lookups at once (measured: 3 read 20,000 stored updates in 1.5 s where 1 took 2.3 s). */
const IN_FLIGHT = 3;
/** Updates per insert command: bigger batches are cheaper on FerretDB; 2,000 keeps each under 1 MB. */
const INSERT = 2000;

/**
 * The positions in `ids` (the file's update `_id`s, services/plan/documents.ts `updateIds`) of the
 * updates the ledger lacks, in order. Looked up by `_id`, 1,000 at a time: an index read on MongoDB
 * and FerretDB alike, where reading the plan's whole history by `plan` scans the collection.
 */
export async function unstoredUpdates(
  ids: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<number[]> {
  const stored = new Set<string>();
  let next = 0;
  let done = 0;
  // A few lookups at once: FerretDB decodes each document it finds (≈ 50 µs on this machine) and
  // reads on more than one core; Node waits meanwhile.
  const lookups = Array.from({ length: IN_FLIGHT }, async () => {
    while (next < ids.length) {
      const chunk = ids.slice(next, (next += LOOKUP));
      // One batch for the whole answer: by default the server sends 101 and the rest in getMores.
      const found = (await Update.find({ _id: anyOf(chunk) }, { _id: 1 })
        .batchSize(LOOKUP)
        .lean()) as { _id: string }[];
      for (const u of found) stored.add(u._id);
      done += chunk.length;
      onProgress?.(done, ids.length);
    }
  });
  await Promise.all(lookups);
  const fresh: number[] = [];
  ids.forEach((id, i) => {
    if (!stored.has(id)) fresh.push(i);
  });
  return fresh;
}

/**
 * Each touched target's new `latest`, `previous`, `recent` and `confirmed` (services/plan/latest.ts
 * `rankLatest`) once the new updates (`fresh`, positions in the file's `updates`) join its stored
 * figures (`stored`, by target `_id`; a target not there has none yet). A figure counts as its
 * `status` in the file says (confirmed when left out). Ranked when asked for (`of`, by target
 * `_id`), as each batch of targets is written: all of them at once would hold every snapshot.
 */
export function importedLatest(
  planId: string,
  updates: readonly UpdateEntry[],
  ids: readonly string[],
  fresh: readonly number[],
  stored: ReadonlyMap<string, CurrentFigures>,
): Extra {
  const byTarget = new Map<string, number[]>();
  for (const i of fresh) {
    const target = scoped(planId, (updates[i] as UpdateEntry).target);
    const list = byTarget.get(target) ?? [];
    list.push(i);
    byTarget.set(target, list);
  }
  return {
    ids: [...byTarget.keys()],
    of(target) {
      const positions = byTarget.get(target);
      if (!positions) return undefined;
      const snapshots = positions.map((i) => snapshotOf(planId, ids[i] as string, updates[i] as UpdateEntry));
      // Of equals, returned ranks before provisional before confirmed, each in file order: as when
      // the statuses were ranked in one pass each (confirmed, then provisional, then returned).
      const news = (['returned', 'provisional', 'confirmed'] as const).flatMap((s) =>
        snapshots.filter((u) => u.status === s),
      );
      return rankLatest(stored.get(target) ?? {}, news);
    },
  };
}

/**
 * Inserts the new updates (`fresh`, positions in the file's `updates`) into the append-only ledger,
 * made into documents a batch at a time (models/insert-plain.ts: checked by the plan file's schema,
 * so not again by mongoose). Returns the sign-off states to carry over: the `_id`, target, cycle and
 * status of each that the file says is not confirmed.
 */
export async function insertUpdates(
  planId: string,
  updates: readonly UpdateEntry[],
  ids: readonly string[],
  fresh: readonly number[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ _id: string; target: string; cycle?: string; status: 'provisional' | 'returned' }[]> {
  const pending: { _id: string; target: string; cycle?: string; status: 'provisional' | 'returned' }[] = [];
  await insertPlain(Update, fresh, {
    batch: INSERT,
    onBatch: (done) => onProgress?.(done, fresh.length),
    owned: true,
    toDocument: (n) => {
      const u = updates[n] as UpdateEntry;
      const doc = updateDocument(planId, ids[n] as string, u, true);
      if (u.status)
        pending.push({
          _id: doc._id,
          target: u.target,
          ...(typeof doc.cycle === 'string' ? { cycle: doc.cycle } : {}),
          status: u.status,
        });
      return doc;
    },
  });
  return pending;
}

/**
 * An update entry as a target keeps it (services/plan/latest.ts `snapshotOf` of its document, with
 * its status): made in one object, as thousands are ranked at once.
 */
function snapshotOf(planId: string, id: string, u: UpdateEntry): Snapshot {
  const snapshot: Record<string, unknown> = {};
  const entry = u as Record<string, unknown>;
  for (const field in entry)
    if (entry[field] !== undefined && field !== 'id' && field !== 'target') snapshot[field] = entry[field];
  if (u.cycle !== undefined) snapshot.cycle = scoped(planId, u.cycle);
  snapshot.at = new Date(u.at);
  snapshot.update = id;
  snapshot.status = u.status ?? 'confirmed';
  return snapshot as Snapshot;
}
