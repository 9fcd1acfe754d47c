import { anyOf } from './operators';
import { isDuplicateKey } from './insert-new';

/** How many items one flush takes at most; the embedded database's `$in` pushdown stops at 1,000. */
const MAX_GROUP = 500;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: calls made while a flush is running wait and go together in the next one, so many
 * concurrent callers cost one database round trip instead of one each. An idle caller waits for
 * nothing: its flush starts on the next microtask (which also gathers the calls of the same tick).
 * `flush` gets the items in call order and answers each in that order, an Error for one that failed
 * alone; when `flush` throws, every item of that flush fails with its error. One flush at a time.
 */
export function grouped<I, O>(
  flush: (items: I[]) => Promise<(O | Error)[]>,
  max = MAX_GROUP,
): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let running = false;
  const drain = async () => {
    while (queue.length) {
      const group = queue.splice(0, max);
      try {
        const answers = await flush(group.map((w) => w.item));
        group.forEach((w, i) => {
          const answer = answers[i];
          if (answer instanceof Error) w.reject(answer);
          else w.resolve(answer as O);
        });
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running) return;
      running = true;
      queueMicrotask(() => void drain());
    });
}

interface ById {
  _id: unknown;
}

/**
 * findById for many callers at once: one `{_id: {$in: ids}}` read per group (an index lookup on
 * MongoDB and, with the build's pushdown patch, on the embedded database). Resolves with the
 * document, or null when there is none. `find` is the model's query with its projection, lean.
 */
export function readById<T extends ById>(
  find: (filter: { _id: { $in: string[] } }) => Promise<T[]>,
): (id: string) => Promise<T | null> {
  return grouped<string, T | null>(async (ids) => {
    const found = new Map((await find({ _id: anyOf([...new Set(ids)]) })).map((d) => [String(d._id), d]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

interface InsertManyError {
  writeErrors?: { index: number; code?: number; err?: unknown }[];
}

/**
 * Inserts documents keyed by what they are for, many callers' in one unordered insertMany. Resolves
 * true when the document was inserted, false when one with its `_id` exists already (E11000: the
 * unique-key insert is how work is made idempotent here, atomic on MongoDB and FerretDB alike; two
 * in one group with the same `_id` insert once). A document refused for any other reason fails
 * alone. The documents must be what the model stores, already validated: `insert` is a lean
 * insertMany.
 */
export function insertById(insert: (docs: object[]) => Promise<unknown>): (doc: object) => Promise<boolean> {
  return grouped<object, boolean>(async (docs) => {
    try {
      await insert(docs);
      return docs.map(() => true);
    } catch (error) {
      const failed = (error as InsertManyError).writeErrors;
      if (!failed) throw error;
      const answers: (boolean | Error)[] = docs.map(() => true);
      for (const e of failed) answers[e.index] = isDuplicateKey(e) ? false : asError(e.err ?? e);
      return answers;
    }
  });
}

/**
 * Applies `updateOne`s by `_id` for many callers in one unordered bulkWrite. Resolves when the
 * group's write is done; when the write fails, every update of the group fails with it.
 */
export function updateById<U extends object>(
  bulkWrite: (ops: { updateOne: { filter: { _id: string }; update: U } }[]) => Promise<unknown>,
): (id: string, update: U) => Promise<void> {
  const write = grouped<{ _id: string; update: U }, undefined>(async (items) => {
    await bulkWrite(items.map(({ _id, update }) => ({ updateOne: { filter: { _id }, update } })));
    return items.map(() => undefined);
  });
  return (_id, update) => write({ _id, update });
}

function asError(e: unknown): Error {
  if (e instanceof Error) return e;
  const message = (e as { errmsg?: string }).errmsg ?? JSON.stringify(e);
  return new Error(message);
}
