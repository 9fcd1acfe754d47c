import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Problem } from '../problems';
import { ALL_COLUMNS, TABLE_NAMES, TABLES, headerProblems, type Row, type Tables } from '../tables';
import { own } from '../../own';

/**
 * The CSV form is one file: every table's rows one after another, the first column `table` naming
 * the table of each row, the header the union of all tables' columns.
 */
export function parseCsv(source: string): { tables?: Tables; problems: Problem[] } {
  let records: { record: string[]; info: { lines: number; records: number; empty_lines: number } }[];
  try {
    records = parse(source, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
    }) as unknown as typeof records; // the typings do not model `info: true`
  } catch (error) {
    const e = error as Error & { lines?: number };
    return {
      problems: [{ where: e.lines ? `line ${e.lines}` : 'file', message: `not valid CSV: ${e.message}` }],
    };
  }
  const [first, ...body] = records;
  const header = first?.record;
  if (!header || header[0]?.trim() !== 'table') {
    return {
      problems: [
        { where: 'line 1', message: 'the first column must be "table", naming the table of each row' },
      ],
    };
  }
  const columns = header.map((c) => c.trim());
  const problems: Problem[] = columns
    .filter((c) => c !== 'table' && !ALL_COLUMNS.includes(c))
    .map((c) => ({ where: 'line 1', message: `unknown column "${c}"` }));

  const tables: Tables = {};
  for (const { record: cells, info } of body) {
    const table = (cells[0] ?? '').trim();
    if (!own(TABLES, table)) {
      problems.push({
        where: `row ${info.records + info.empty_lines}, column table`,
        message: `"${table}" is not a table (expected one of: ${TABLE_NAMES.join(', ')})`,
      });
      continue;
    }
    const row: Row = {};
    columns.forEach((c, j) => {
      if (j > 0 && cells[j] !== '') row[c] = cells[j];
    });
    // Rows are numbered as a spreadsheet opening the file numbers them (header row 1, a blank line
    // a row), not by text line: a list cell spans several lines but is one row.
    const entry = (tables[table] ??= { rows: [], numbers: [] });
    entry.rows.push(row);
    entry.numbers.push(info.records + info.empty_lines);
  }
  for (const table of Object.keys(tables)) {
    const columnsOfTable = new Set((own(TABLES, table) ?? []).map((c) => c.name));
    problems.push(
      ...headerProblems(
        table,
        columns.filter((c) => columnsOfTable.has(c)),
        'line 1',
      ),
    );
  }
  return { tables, problems };
}

export function stringifyCsv(rows: Record<string, Row[]>): string {
  const columns = ['table', ...ALL_COLUMNS];
  const records = TABLE_NAMES.flatMap((table) => (rows[table] ?? []).map((row) => ({ ...row, table })));
  return stringify(records, { header: true, columns });
}
