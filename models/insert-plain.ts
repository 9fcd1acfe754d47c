import type { Model } from 'mongoose';

/** The model parts insertPlain needs, typed loosely enough to take every model. */
interface PlainSchema {
  paths: Record<string, { defaultValue?: unknown }>;
  childSchemas: { schema: PlainSchema }[];
  options: { timestamps?: unknown };
}

interface PlainModel {
  schema: PlainSchema;
  applyDefaults(doc: object): object;
  applyTimestamps(doc: object): object;
  collection: { insertMany(docs: object[], options: { ordered: boolean }): Promise<unknown> };
}

export interface PlainInsertOptions<T> {
  /** Documents per insert command (default 2,000). */
  batch?: number;
  /** Called after each batch is written, with how many of `items` are written so far. */
  onBatch?: (done: number) => void;
  /** Makes an item into its document, a batch at a time (default: the item is the document). */
  toDocument?: (item: T) => object;
  /**
   * `toDocument` makes a new document of the schema's fields only, which nothing else holds: it is
   * stored as it is, not copied first (100,000 updates: one object each instead of three).
   */
  owned?: boolean;
}

/**
 * Inserts new documents without making a mongoose document of each: only for data whose types a
 * zod schema has checked already against the model's (the plan import, where hydrating and casting
 * 100,000 updates and the 14 recent figures on each of 5,000 targets was most of Node's work).
 * Each is stored as `Model.insertMany` would store it otherwise: top-level fields the schema does not
 * know dropped, its defaults and timestamps applied, empty objects left out; no validators run. The
 * items are not changed (their plain objects and arrays are copied).
 * Unordered within a batch; batches go one after another, the next made ready (`toDocument`) while
 * the database writes the last, so that Node and the database each keep a core busy. Throws the
 * database's error (E11000 for a key that exists) once the batch in flight has settled.
 */
export async function insertPlain<T>(
  /** A mongoose model. */
  model: Model<never> | object,
  items: readonly T[],
  { batch = 2000, onBatch, toDocument = (item) => item as object, owned = false }: PlainInsertOptions<T> = {},
): Promise<void> {
  const m = model as unknown as PlainModel;
  const fields = new Set(Object.keys(m.schema.paths).map((p) => p.split('.')[0] as string));
  // Each costs a walk of the schema per document: skipped where the schema has nothing to apply.
  const defaults = some(m.schema, (s) => Object.values(s.paths).some((p) => p.defaultValue !== undefined));
  const timestamps = some(m.schema, (s) => !!s.options.timestamps);
  let inFlight: Promise<unknown> | undefined;
  let written = 0;
  for (let i = 0; i < items.length; i += batch) {
    const ready = items.slice(i, i + batch).map((item) => {
      const made = toDocument(item) as Record<string, unknown>;
      const doc: Record<string, unknown> = owned ? made : {};
      if (!owned)
        for (const field in made)
          if (made[field] !== undefined && fields.has(field)) doc[field] = copy(made[field]);
      if (defaults) m.applyDefaults(doc);
      if (timestamps) m.applyTimestamps(doc);
      return minimize(doc);
    });
    await inFlight;
    const size = ready.length;
    inFlight = m.collection.insertMany(ready, { ordered: false }).then(() => {
      written += size;
      onBatch?.(written);
    });
    // An unawaited rejection would be reported before the loop reaches it.
    inFlight.catch(() => undefined);
  }
  await inFlight;
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** Whether `schema` or a schema inside it is `what`. */
function some(schema: PlainSchema, what: (s: PlainSchema) => boolean): boolean {
  return what(schema) || schema.childSchemas.some((child) => some(child.schema, what));
}

/** Plain objects and arrays copied (defaults and `minimize` change the copy, not the caller's data). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy(value[key]);
  return out;
}

/** Drops empty objects, as mongoose's `minimize` does when it saves (a plan's `vocabulary: {}`). */
function minimize<T>(value: T): T {
  if (!isPlain(value)) return value;
  for (const key in value) {
    const inner = value[key];
    if (!isPlain(inner)) continue;
    minimize(inner);
    if (Object.keys(inner).length === 0) delete value[key];
  }
  return value;
}
