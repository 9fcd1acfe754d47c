import type { Doc } from './documents';

/** Fields the system keeps on a document, never set by a plan file. */
const SYSTEM_FIELDS = new Set([
  '_id',
  'createdAt',
  'updatedAt',
  'latest',
  'previous',
  'recent',
  'confirmed',
  'revision',
]);

export interface Change {
  id: string;
  set: Record<string, unknown>;
  unset: string[];
  before: Record<string, unknown>;
}

export interface Diff {
  create: Doc[];
  change: Change[];
  /** In the database, not in the file. */
  missing: Doc[];
  unchanged: number;
}

function stable(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const present = (v: unknown) => v !== undefined && v !== null;

/**
 * Compares what a file wants with what the database has, field by field, in memory. A file states
 * only the fields it has: a field absent from `wanted` is kept as stored, a field that is `null` in
 * `wanted` is cleared (services/plan-file/stated.ts), and a `soft` field (the format's default for
 * a field the file left out) is written only to a new document.
 */
export function diffDocuments(
  wanted: Doc[],
  existing: Doc[],
  soft: ReadonlyMap<string, readonly string[]> = new Map(),
): Diff {
  const byId = new Map(existing.map((d) => [d._id, d]));
  const diff: Diff = { create: [], change: [], missing: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const doc of wanted) {
    seen.add(doc._id);
    const old = byId.get(doc._id);
    if (!old) {
      diff.create.push(Object.fromEntries(Object.entries(doc).filter(([, v]) => present(v))) as Doc);
      continue;
    }
    const defaults = new Set(soft.get(doc._id) ?? []);
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    const before: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(doc)) {
      if (SYSTEM_FIELDS.has(field) || defaults.has(field) || value === undefined) continue;
      if (value === null) {
        if (present(old[field])) {
          unset.push(field);
          before[field] = old[field];
        }
      } else if (stable(value) !== stable(old[field])) {
        set[field] = value;
        before[field] = old[field];
      }
    }
    if (Object.keys(set).length || unset.length) diff.change.push({ id: doc._id, set, unset, before });
    else diff.unchanged++;
  }
  diff.missing = existing.filter((d) => !seen.has(d._id));
  return diff;
}
