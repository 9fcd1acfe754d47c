import type { PlanFile } from './schema';
import { own } from '../own';
import { CLEAR_CELL } from './stated';
import { stepLine } from '../sign-off/chain';

/** A cell as a spreadsheet or CSV hands it over. */
export type Cell = string | number | undefined;
export type Row = Record<string, Cell>;
/** Rows by table; `numbers[i]` is where row i sits in the file (spreadsheet row or CSV line). */
export interface Tables {
  [table: string]: { rows: Row[]; numbers: number[] } | undefined;
}

/** `numbers`: a list of whole numbers, one a line (a cycle's reminder days). */
/** `profile`: a target's profile, one "2026-12-31: 46" per line of the cell. */
/** `signOff`: a plan's sign-off chain, one "Head of service approves: lineManager" per line. */
/** `pairs`: objects of two fields, one "A: Very High" per line (a risk matrix's scales and bands). */
type Kind = 'text' | 'list' | 'number' | 'numbers' | 'profile' | 'signOff' | 'pairs';
interface Column {
  name: string;
  /** Where the value sits within the table's entry, e.g. ['baseline', 'value']. */
  path: string[];
  kind: Kind;
}

const col = (name: string, kind: Kind = 'text', path: string[] = [name]): Column => ({ name, path, kind });
const measure = (m: string) => [
  col(m, 'text', [m, 'text']),
  col(`${m}Label`, 'text', [m, 'label']),
  col(`${m}Value`, 'number', [m, 'value']),
  col(`${m}Change`, 'text', [m, 'change']),
  col(`${m}Range`, 'text', [m, 'range']),
];

/** The tables of the spreadsheet form, in file order, with their columns in sheet order. */
export const TABLES: Record<string, Column[]> = {
  plan: [
    col('id'),
    col('title'),
    col('organisation'),
    col('strapline'),
    col('periodLabel', 'text', ['period', 'label']),
    col('periodStart', 'text', ['period', 'start']),
    col('periodEnd', 'text', ['period', 'end']),
    col('status'),
    col('version', 'number'),
    col('source'),
    col('purpose'),
    col('vocabularyAim', 'text', ['vocabulary', 'aim']),
    col('vocabularyPriority', 'text', ['vocabulary', 'priority']),
    col('vocabularyTarget', 'text', ['vocabulary', 'target']),
    col('tolerance', 'number'),
    col('signOff', 'signOff'),
    col('openDataOwners', 'text', ['openData', 'owners']),
    col('riskProbability', 'pairs', ['riskMatrix', 'probability']),
    col('riskImpact', 'pairs', ['riskMatrix', 'impact']),
    col('riskBands', 'pairs', ['riskMatrix', 'bands']),
    col('levels', 'list'),
    col('kind'),
    col('team'),
    col('person'),
  ],
  values: [col('name'), col('description')],
  /** Leeds' "big ideas": one a row, the aims and priorities each brings together one a line. */
  crossCutting: [col('id'), col('title'), col('description'), col('items', 'list')],
  aims: [
    col('id'),
    col('code'),
    col('title'),
    col('description'),
    col('aliases', 'list'),
    col('contributesTo', 'list'),
  ],
  priorities: [
    col('id'),
    col('code'),
    col('aliases', 'list'),
    col('aim'),
    col('title'),
    col('how', 'list'),
    col('supportedBy', 'list'),
    col('benefits', 'list'),
    col('contributesTo', 'list'),
    col('status'),
    col('statusNote'),
  ],
  targets: [
    col('id'),
    col('priority'),
    col('kind'),
    col('text'),
    col('piCodes', 'list'),
    col('unit'),
    col('per', 'number'),
    col('direction'),
    col('frequency'),
    ...measure('baseline'),
    ...measure('interim'),
    ...measure('final'),
    col('due'),
    col('profile', 'profile'),
    col('tolerance', 'number'),
    col('numerator'),
    col('denominator'),
    col('dataQuality'),
    col('source'),
    col('owner'),
    col('deputy'),
    col('level'),
    col('parent'),
    col('contributesTo', 'list'),
    col('status'),
    col('statusNote'),
  ],
  people: [
    col('id'),
    col('name'),
    col('department'),
    col('roles', 'list'),
    col('lineManager'),
    col('teamsId'),
    col('slackId'),
    col('awayUntil'),
    col('jobTitle'),
  ],
  updates: [
    col('id'),
    col('target'),
    col('value', 'number'),
    col('text'),
    col('asOf'),
    col('rag'),
    col('commentary'),
    col('evidence'),
    col('by'),
    col('at'),
    col('channel'),
    col('cycle'),
    col('suggestedRag'),
    col('overrideReason'),
    col('correctiveAction'),
    col('status'),
  ],
  cycles: [
    col('id'),
    col('name'),
    col('scope'),
    col('periodFrom'),
    col('opensOn'),
    col('dueOn'),
    col('remindDaysBefore', 'numbers'),
    col('escalateDaysAfter', 'number'),
    col('tolerance', 'number'),
    col('status'),
    col('closedOn'),
    col('meeting', 'text', ['meeting', 'name']),
    col('meetingOn', 'text', ['meeting', 'on']),
    col('reportDeadline'),
    col('openedBy'),
  ],
  /** The targets each cycle asked for, one a row, as targets sit under priorities. */
  cycleTargets: [col('cycle'), col('target'), col('owner')],
  /** The risk register (services/risk/schema.ts); each risk's actions in riskActions. */
  risks: [
    col('id'),
    col('title'),
    col('owner'),
    col('cause'),
    col('effect'),
    col('probability'),
    col('impact'),
    col('targetProbability'),
    col('targetImpact'),
    col('controls', 'list'),
    col('reviewOn'),
    col('links', 'list'),
    col('status'),
  ],
  riskActions: [col('risk'), col('text'), col('due'), col('owner')],
};
export const TABLE_NAMES = Object.keys(TABLES);

/** Columns a table cannot do without: a file missing one is refused once, not once per row. */
export const REQUIRED_COLUMNS: Record<string, string[]> = {
  plan: ['id', 'title', 'organisation', 'periodLabel', 'status', 'version'],
  values: ['name'],
  crossCutting: ['id', 'title', 'items'],
  aims: ['id', 'title'],
  priorities: ['id', 'aim', 'title'],
  targets: ['id', 'priority', 'text'],
  people: ['id', 'name'],
  updates: ['target', 'asOf', 'at'],
  cycles: ['id', 'name', 'scope', 'periodFrom', 'opensOn', 'dueOn', 'openedBy'],
  cycleTargets: ['cycle', 'target'],
  risks: ['id', 'title', 'probability', 'impact'],
  riskActions: ['risk', 'text'],
};

/** Problems with a table's header: unknown tables, unknown columns, missing required columns. */
export function headerProblems(
  table: string,
  columns: string[],
  where: string,
): { where: string; message: string }[] {
  const known = own(TABLES, table);
  if (!known)
    return [
      {
        where,
        message: `"${table}" is not a table of a plan file (expected one of: ${TABLE_NAMES.join(', ')})`,
      },
    ];
  const names = new Set(known.map((c) => c.name));
  const unknown = columns.filter((c) => c && !names.has(c));
  const missing = (own(REQUIRED_COLUMNS, table) ?? []).filter((c) => !columns.includes(c));
  return [
    ...unknown.map((c) => ({ where, message: `unknown column "${c}"` })),
    ...missing.map((c) => ({ where, message: `the required column "${c}" is missing` })),
  ];
}

/** Every column of every table, once, for the single-sheet CSV form. */
export const ALL_COLUMNS = [...new Set(Object.values(TABLES).flatMap((cols) => cols.map((c) => c.name)))];

function get(entry: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, step) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined),
    entry,
  );
}

function set(entry: Record<string, unknown>, path: string[], value: unknown): void {
  let node = entry;
  for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
}

function toRow(table: string, entry: unknown): Row {
  const row: Row = {};
  for (const c of own(TABLES, table) ?? []) {
    const value = get(entry, c.path);
    if (value === undefined || value === null) continue;
    row[c.name] = Array.isArray(value)
      ? value.length
        ? (c.kind === 'profile'
            ? value.map((p: { asOf: string; value: number }) => `${p.asOf}: ${p.value}`)
            : c.kind === 'signOff'
              ? value.map(stepLine)
              : c.kind === 'pairs'
                ? value.map((pair: Record<string, unknown>) => Object.values(pair).join(': '))
                : value
          ).join('\n')
        : undefined
      : (value as string | number);
  }
  return row;
}

/** The plan as rows of the tables. */
export function planToRows(plan: PlanFile): Record<string, Row[]> {
  return {
    plan: [toRow('plan', plan.plan)],
    values: plan.plan.values.map((v) => toRow('values', v)),
    crossCutting: plan.plan.crossCutting.map((c) => toRow('crossCutting', c)),
    aims: plan.aims.map((a) => toRow('aims', a)),
    priorities: plan.priorities.map((p) => toRow('priorities', p)),
    targets: plan.priorities.flatMap((p) => p.targets.map((t) => toRow('targets', { ...t, priority: p.id }))),
    people: plan.people.map((p) => toRow('people', p)),
    updates: plan.updates.map((u) => toRow('updates', u)),
    cycles: plan.cycles.map((c) => toRow('cycles', c)),
    cycleTargets: plan.cycles.flatMap((c) =>
      c.targets.map((t) => toRow('cycleTargets', { ...t, cycle: c.id })),
    ),
    risks: plan.risks.map((r) => toRow('risks', r)),
    riskActions: plan.risks.flatMap((r) => r.actions.map((a) => toRow('riskActions', { ...a, risk: r.id }))),
  };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function fromCell(kind: Kind, cell: Cell): unknown {
  if (cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  // The clear mark is passed on as it is, whatever the column: validation takes it (stated.ts).
  if (typeof cell === 'string' && cell.trim() === CLEAR_CELL) return CLEAR_CELL;
  if (kind === 'list' || kind === 'numbers' || kind === 'profile' || kind === 'signOff' || kind === 'pairs') {
    const lines = String(cell)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    return kind !== 'numbers' ? lines : lines.map((s) => (NUMBER.test(s) ? Number(s) : s));
  }
  // A number column with text in it is passed on as text, so validation names the cell.
  if (kind === 'number' && typeof cell === 'string' && NUMBER.test(cell.trim())) return Number(cell.trim());
  return cell;
}

function fromRow(table: string, row: Row): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const c of own(TABLES, table) ?? []) {
    const value = fromCell(c.kind, row[c.name]);
    if (value !== undefined) set(entry, c.path, value);
  }
  return entry;
}

export interface FromTables {
  raw: Record<string, unknown>;
  /** For a path in `raw`, the table, row and column it came from. */
  locate(path: readonly PropertyKey[]): string;
  problems: { where: string; message: string }[];
}

/** Builds the plan structure from tables, remembering where each entry came from. */
export function rowsToPlan(tables: Tables): FromTables {
  const origin = new Map<string, { table: string; row: number }>();
  const problems: FromTables['problems'] = [];
  const rows = (table: string) =>
    (tables[table]?.rows ?? []).map((row, i) => ({ row, line: tables[table]?.numbers[i] ?? i + 2 }));
  const note = (path: string, table: string, line: number) => origin.set(path, { table, row: line });

  const planRows = rows('plan');
  if (planRows.length !== 1)
    problems.push({ where: 'plan table', message: `needs exactly one row (found ${planRows.length})` });
  const plan = planRows[0] ? fromRow('plan', planRows[0].row) : {};
  if (planRows[0]) note('plan', 'plan', planRows[0].line);
  plan.values = rows('values').map(
    ({ row, line }, i) => (note(`plan.values.${i}`, 'values', line), fromRow('values', row)),
  );
  plan.crossCutting = rows('crossCutting').map(
    ({ row, line }, i) => (
      note(`plan.crossCutting.${i}`, 'crossCutting', line),
      fromRow('crossCutting', row)
    ),
  );

  /**
   * The rows of `parent`, each with the rows of `child` that name its id in `column` nested under
   * `into` (a priority's targets, a cycle's targets, a risk's actions), in file order.
   */
  const nest = (parent: string, child: string, column: string, into = 'targets') => {
    const parents = rows(parent).map(({ row, line }, i) => {
      note(`${parent}.${i}`, parent, line);
      return { ...fromRow(parent, row), [into]: [] as unknown[] } as Record<string, unknown> & {
        targets: unknown[];
      };
    });
    const byId = new Map(parents.map((p, i) => [String(p.id), { p, i }]));
    for (const { row, line } of rows(child)) {
      const found = byId.get(String(row[column] ?? '').trim());
      if (!found) {
        problems.push({
          where: `${child} table, row ${line}, column ${column}`,
          message: `"${row[column] ?? ''}" is not an id in the ${parent} table`,
        });
        continue;
      }
      const list = found.p[into] as unknown[];
      note(`${parent}.${found.i}.${into}.${list.length}`, child, line);
      const { [column]: _parent, ...entry } = fromRow(child, row);
      list.push(entry);
    }
    return parents;
  };
  const priorities = nest('priorities', 'targets', 'priority');
  const cycles = nest('cycles', 'cycleTargets', 'cycle');
  const risks = nest('risks', 'riskActions', 'risk', 'actions');

  const listed = (table: string) =>
    rows(table).map(({ row, line }, i) => (note(`${table}.${i}`, table, line), fromRow(table, row)));
  const raw = {
    format: 'golden-thread-plan/1',
    plan,
    aims: listed('aims'),
    priorities,
    people: listed('people'),
    updates: listed('updates'),
    cycles,
    risks,
  };

  const locate = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n > 0; n--) {
      const found = origin.get(path.slice(0, n).join('.'));
      if (!found) continue;
      const field = path.slice(n).map(String);
      const column =
        own(TABLES, found.table)?.find((c) => c.path.join('.') === field.join('.'))?.name ?? field[0];
      return `${found.table} table, row ${found.row}${column ? `, column ${column}` : ''}`;
    }
    return path.length ? String(path[0]) : 'file';
  };
  return { raw, locate, problems };
}
