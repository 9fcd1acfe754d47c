import mongoose from 'mongoose';

/**
 * `sanitizeFilter` turns every `$` object in a filter into a literal match, so user text can never
 * act as an operator. Operators the code itself builds are marked trusted here, in one place.
 */
export function trusted<T extends object>(operator: T): T {
  return mongoose.trusted(operator) as T;
}

export function anyOf(values: readonly string[]): { $in: string[] } {
  return trusted({ $in: [...values] });
}
