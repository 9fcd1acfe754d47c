import type { Problem } from '../problems';
import { TABLE_NAMES, TABLES, headerProblems, type Cell, type Row, type Tables } from '../tables';

/** The Excel form: one sheet per table, a header row, then one row per entry. */
// exceljs is loaded on first use (as in services/exports/table.ts): the bot reads YAML plans at
// start, and carrying exceljs's 170 modules for a file format it may never see cost ≈ 14 MB.
const excel = async () => (await import('exceljs')).default;

export async function parseXlsx(data: Buffer): Promise<{ tables?: Tables; problems: Problem[] }> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    return {
      problems: [
        { where: 'file', message: `not a readable Excel (.xlsx) workbook: ${(error as Error).message}` },
      ],
    };
  }
  const problems: Problem[] = [];
  const tables: Tables = {};
  for (const sheet of workbook.worksheets) {
    // Sheet names are matched without case: Excel users rename "cycleTargets" to "CycleTargets".
    const name = sheet.name.trim().toLowerCase();
    const table = TABLE_NAMES.find((t) => t.toLowerCase() === name) ?? name;
    const header = (sheet.getRow(1).values as unknown[])
      .slice(1)
      .map((v) => cellValue(v)?.toString().trim() ?? '');
    const found = headerProblems(table, header, `${sheet.name} sheet, row 1`);
    problems.push(...found);
    if (found.length) continue;
    const entry = { rows: [] as Row[], numbers: [] as number[] };
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) return;
      const values: Row = {};
      header.forEach((column, i) => {
        const value = cellValue(row.getCell(i + 1).value);
        if (column && value !== undefined && value !== '') values[column] = value;
      });
      if (Object.keys(values).length === 0) return;
      entry.rows.push(values);
      entry.numbers.push(number);
    });
    tables[table] = entry;
  }
  return { tables, problems };
}

/** Reduces Excel's rich cell values (formulas, links, rich text, dates) to text or a number. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellValue(v.text);
  if (v.result !== undefined) return cellValue(v.result);
  if (v.error) return v.error;
  return String(value);
}

export async function writeXlsx(rows: Record<string, Row[]>): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Golden Thread';
  for (const table of TABLE_NAMES) {
    const columns = TABLES[table] ?? [];
    const sheet = workbook.addWorksheet(table, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({
      header: c.name,
      key: c.name,
      width:
        c.kind === 'list' || ['text', 'title', 'description', 'purpose', 'commentary'].includes(c.name)
          ? 60
          : 16,
      style: { alignment: { wrapText: true, vertical: 'top' } },
    }));
    sheet.getRow(1).font = { bold: true };
    // Text columns stay text: Excel must not turn "2001/02" into a date or "0" into a number.
    for (const row of rows[table] ?? []) {
      const added = sheet.addRow(row);
      columns.forEach((c, i) => {
        if (c.kind !== 'number' && row[c.name] !== undefined)
          added.getCell(i + 1).value = String(row[c.name]);
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
