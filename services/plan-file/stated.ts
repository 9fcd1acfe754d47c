import { z } from 'zod';
import type { Locate, Path, Problem } from './problems';
import { aimSchema, personSchema, planSchema, prioritySchema, targetSchema } from './schema';

/**
 * What a file row says about a field, beyond its value. A plan file is often a partial or older
 * view of the database (a spreadsheet from last year, a file written before leave was recorded in
 * chat), so an import changes only what the file states:
 * - a field that is absent (no key in YAML/JSON, an empty cell or no column in CSV/Excel) is not
 *   stated, and the stored value is kept — even where the file format has a default;
 * - a field written as `CLEAR_CELL` (any form), or as an explicit empty value in YAML/JSON
 *   (`awayUntil:` or `awayUntil: null`), is cleared: that is how leave is ended from a file.
 */
export const CLEAR_CELL = '(none)';

export interface Statement {
  /** Fields the row clears. */
  cleared: string[];
  /** Fields the row leaves out that the format fills with a default: used only for a new entry. */
  defaulted: string[];
}

const STATED = Symbol('stated');
type Marked = { [STATED]?: Statement };

/** What the row a parsed entry came from stated, if it was read from a file. */
export function statementOf(entry: object): Statement | undefined {
  return (entry as Marked)[STATED];
}

type Shape = Record<string, z.ZodType>;
/** The entries a file states fields of, by where they sit. Updates and cycles are only ever added. */
const ENTITIES: { at: (raw: Record<string, unknown>) => [Path, unknown][]; shape: Shape }[] = [
  { at: (raw) => [[['plan'], raw.plan]], shape: planSchema.shape },
  { at: (raw) => listed(raw.aims, ['aims']), shape: aimSchema.shape },
  { at: (raw) => listed(raw.people, ['people']), shape: personSchema.shape },
  { at: (raw) => listed(raw.priorities, ['priorities']), shape: prioritySchema.shape },
  {
    at: (raw) =>
      listed(raw.priorities, ['priorities']).flatMap(([path, p]) =>
        isRecord(p) ? listed(p.targets, [...path, 'targets']) : [],
      ),
    shape: targetSchema.shape,
  },
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const listed = (list: unknown, path: Path): [Path, unknown][] =>
  Array.isArray(list) ? list.map((entry, i) => [[...path, i], entry]) : [];

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, step) =>
      isRecord(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[step] : undefined,
    root,
  );
}

/**
 * Takes the clear marks out of a raw file (in place) before validation, and notes which fields each
 * row leaves out. Returns the problems (a required field cannot be cleared) and a function that
 * marks the validated entries with what their rows stated.
 */
export function takeStatements(
  raw: Record<string, unknown>,
  locate: Locate,
): { problems: Problem[]; mark(parsed: unknown): void } {
  const problems: Problem[] = [];
  const statements: [Path, Statement][] = [];
  for (const { at: entries, shape } of ENTITIES) {
    for (const [path, entry] of entries(raw)) {
      if (!isRecord(entry)) continue;
      const statement: Statement = { cleared: [], defaulted: [] };
      for (const [field, schema] of Object.entries(shape)) {
        const value = entry[field];
        const optional = schema.safeParse(undefined);
        if (value === undefined) {
          if (optional.success && optional.data !== undefined) statement.defaulted.push(field);
          continue;
        }
        if (value !== null && !(typeof value === 'string' && value.trim() === CLEAR_CELL)) continue;
        if (!optional.success) {
          problems.push({ where: locate([...path, field]), message: 'is required and cannot be cleared' });
          continue;
        }
        delete entry[field];
        // Clearing a field that has a default (a list, roles) sets the default: an empty list.
        if (optional.data === undefined) statement.cleared.push(field);
      }
      statements.push([path, statement]);
    }
  }
  return {
    problems,
    mark(parsed) {
      for (const [path, statement] of statements) {
        const entry = at(parsed, path);
        if (isRecord(entry)) (entry as Marked)[STATED] = statement;
      }
    },
  };
}
