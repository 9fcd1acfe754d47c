/**
 * `table[key]` when `key` is one of the table's own entries, else undefined. For lookups by a name
 * that came from outside (a plan file's table name, say): on a plain object "constructor",
 * "__proto__" or "valueOf" would find Object.prototype's members.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
