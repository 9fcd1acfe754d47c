const DUPLICATE_KEY = 11000;

/** True for E11000: a document with that unique key exists already. */
export const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: number }).code === DUPLICATE_KEY;

interface Inserter {
  insertMany(docs: object[], options: { ordered: false }): Promise<unknown[]>;
}

/**
 * Inserts documents keyed by what they are for, keeping any that exist already. This is how work is
 * made idempotent here: a unique-key insert is atomic on MongoDB and FerretDB alike. Returns how
 * many were new.
 */
export async function insertNew(model: Inserter, docs: object[], batch = 1000): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += batch) {
    const done = await model
      .insertMany(docs.slice(i, i + batch), { ordered: false })
      .catch((error: { insertedDocs?: unknown[]; writeErrors?: unknown[] }) => {
        if ((error.writeErrors ?? [error]).some((e) => !isDuplicateKey(e))) throw error;
        return error.insertedDocs ?? [];
      });
    inserted += done.length;
  }
  return inserted;
}
