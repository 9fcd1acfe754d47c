import type { Schema } from 'mongoose';

const REWRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

/**
 * Makes a ledger append-only at the model: history that can be rewritten is not an audit trail.
 * (Dropping a whole test database is still possible; that is not done through the model.)
 */
export function appendOnly(schema: Schema, what: string): void {
  for (const op of REWRITES) {
    schema.pre(op, function refuse() {
      throw new Error(`${what} is append-only: ${op} is not allowed`);
    });
  }
}
