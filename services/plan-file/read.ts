import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './formats/csv';
import { parseJson, parseYaml } from './formats/structured';
import { parseXlsx } from './formats/xlsx';
import { PlanFileError, describePath, fromZod, type Locate, type Problem } from './problems';
import { checkReferences } from './references';
import { checkLinks, type KnownPlans } from '../plan/links';
import { planFileSchema, type PlanFile } from './schema';
import { takeStatements } from './stated';
import { rowsToPlan, type Tables } from './tables';

export const PLAN_FILE_TYPES = ['.yaml', '.yml', '.json', '.csv', '.xlsx'];

export interface ReadOptions {
  maxBytes: number;
  /** People already in the database, who may be named in the file without being listed. */
  knownPeople?: ReadonlySet<string>;
  /** Cycle ids (unscoped) already in the database, which updates may name without listing. */
  knownCycles?: ReadonlySet<string>;
  /**
   * The database's other plans and their items, which contributes-to links may name (and must not
   * close a cycle through). Left out: links to other plans are not checked (`plan validate`).
   */
  knownPlans?: KnownPlans;
}

/**
 * Reads and validates a whole plan file. Either every entry is valid and the plan comes back,
 * or a PlanFileError lists every problem with its row or line and field.
 */
export async function readPlanFile(file: string, options: ReadOptions): Promise<PlanFile> {
  const name = path.basename(file);
  const fail = (problems: Problem[]) => new PlanFileError(name, problems);
  const type = path.extname(file).toLowerCase();
  if (!PLAN_FILE_TYPES.includes(type)) {
    throw fail([
      {
        where: 'file',
        message: `"${type || 'no extension'}" is not a plan file type (use ${PLAN_FILE_TYPES.join(', ')})`,
      },
    ]);
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw fail([{ where: 'file', message: 'no such file' }]);
  if (stat.size === 0) throw fail([{ where: 'file', message: 'the file is empty' }]);
  if (stat.size > options.maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw fail([
      {
        where: 'file',
        message: `the file is ${mb(stat.size)}; the largest accepted is ${mb(options.maxBytes)} (PLAN_IMPORT_MAX_MB)`,
      },
    ]);
  }
  const parsed = await parseFile(file, type);
  if ('problems' in parsed) throw fail(parsed.problems);
  const { raw, locate } = parsed;
  return validatePlan(name, raw, locate, options.knownPeople, options.knownCycles, options.knownPlans);
}

/**
 * The file's content as plain data, and where a path in it sits in the file. The file's bytes and
 * text are not kept past this: validation holds the parsed plan and its checked copy at once, and a
 * 25 MB JSON file is 50 MB more as text (two bytes a character once one is not ASCII).
 */
async function parseFile(
  file: string,
  type: string,
): Promise<{ raw: unknown; locate: Locate } | { problems: Problem[] }> {
  if (type === '.csv' || type === '.xlsx') {
    const data = await fs.readFile(file);
    const parsed = type === '.csv' ? parseCsv(data.toString('utf8')) : await parseXlsx(data);
    if (parsed.problems.length || !parsed.tables) return { problems: parsed.problems };
    const built = rowsToPlan(parsed.tables as Tables);
    if (built.problems.length) return { problems: built.problems };
    return { raw: built.raw, locate: built.locate };
  }
  const text = (await fs.readFile(file)).toString('utf8');
  if (!text.trim()) return { problems: [{ where: 'file', message: 'the file is empty' }] };
  const parsed = type === '.json' ? parseJson(text) : parseYaml(text);
  if (parsed.problems.length) return { problems: parsed.problems };
  const raw = parsed.value;
  return { raw, locate: (p) => describePath(raw, p) || 'file' };
}

export function validatePlan(
  name: string,
  raw: unknown,
  locate: Locate,
  knownPeople?: ReadonlySet<string>,
  knownCycles?: ReadonlySet<string>,
  knownPlans?: KnownPlans,
): PlanFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PlanFileError(name, [
      {
        where: 'file',
        message: 'expected a plan (format, plan, aims, priorities…), not a list or a single value',
      },
    ]);
  }
  // Clear marks ("(none)", null) come out before validation; every row's statement goes on its entry.
  const statements = takeStatements(raw as Record<string, unknown>, locate);
  const result = planFileSchema.safeParse(raw, { reportInput: true });
  const problems = [...statements.problems, ...(result.success ? [] : fromZod(result.error, locate))];
  if (!result.success || problems.length) throw new PlanFileError(name, problems);
  statements.mark(result.data);
  const references = [
    ...checkReferences(result.data, knownPeople, knownCycles),
    // Levels, contributes-to links (across plans), plan kinds and objectives (services/plan/links.ts).
    ...checkLinks(result.data, knownPlans),
  ];
  if (references.length) {
    throw new PlanFileError(
      name,
      references.map((r) => ({ where: locate(r.path), message: r.message })),
    );
  }
  return result.data;
}
