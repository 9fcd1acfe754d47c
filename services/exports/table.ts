import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/** One table of results: `sheet` names its worksheet in a workbook and is ignored by CSV. */
export interface Table {
  sheet: string;
  columns: string[];
  rows: Cell[][];
  /** Printed at the top of every page of its worksheet ("DRAFT"); ignored by CSV. */
  pageHeader?: string;
}

// Spreadsheet programs run a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const MAX_SHEET_NAME = 31;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/**
 * CSV with a UTF-8 byte-order mark (without it Excel reads "£" as "Â£"), header row first, CRLF line
 * ends. Text that a spreadsheet would run as a formula is prefixed with a single quote.
 */
export function toCsv(table: Table): string {
  const records = [table.columns, ...table.rows].map((row) => row.map(csvCell));
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}

/**
 * An Excel workbook with one worksheet per table: a bold, frozen header row with filter buttons
 * (autoFilter), columns sized to their content, and the table's `pageHeader` at the top of every
 * printed page. Text is always stored as text, so "=1+1" is never a formula.
 */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  // Loaded on first use: a bot that never exports does not carry exceljs (≈ 14 MB).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Golden Thread';
  const taken = new Set<string>();
  for (const table of tables) {
    const name = uniqueSheetName(table.sheet, taken);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns);
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
    if (table.columns.length)
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    // `&C` centres the text; `&&` is Excel's escape for a literal "&" in a header.
    if (table.pageHeader) {
      const header = `&C&B${table.pageHeader.replace(/&/g, '&&')}`;
      sheet.headerFooter = { oddHeader: header, evenHeader: header, firstHeader: header };
    }
    table.columns.forEach((header, i) => {
      const cells = [header, ...table.rows.map((row) => row[i] ?? null)];
      sheet.getColumn(i + 1).width = columnWidth(cells);
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(cell: Cell): string | number | null {
  if (typeof cell === 'string') return FORMULA_START.test(cell) ? `'${cell}` : cell;
  return finiteOrNull(cell);
}

function xlsxCell(cell: Cell): string | number | null {
  return typeof cell === 'string' ? cell : finiteOrNull(cell);
}

// NaN and Infinity have no spreadsheet form (exceljs would write a file Excel calls corrupt).
function finiteOrNull(cell: number | null): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

function columnWidth(cells: (Cell | undefined)[]): number {
  let longest = 0;
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue;
    for (const line of String(cell).split(/\r?\n/)) longest = Math.max(longest, Array.from(line).length);
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/**
 * Excel refuses a sheet name that is empty, longer than 31 characters, contains []:*?/\, starts or
 * ends with an apostrophe, is "History", or repeats another sheet's name in any letter case.
 */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const cleaned = wanted
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const unquoted = withoutEndApostrophes(withoutStartApostrophes(cleaned)).trim();
  const base = unquoted === '' || unquoted.toLowerCase() === 'history' ? 'Sheet' : unquoted;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = fitLength(base, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

// Cut by code points so an emoji's surrogate pair is never split, then tidy the cut end.
function fitLength(text: string, max: number): string {
  const chars = Array.from(text);
  while (chars.join('').length > max) chars.pop();
  return withoutEndApostrophes(chars.join('').trimEnd());
}

// Loops rather than `/'+$/`, which retries from every apostrophe of a long run of them.
function withoutStartApostrophes(text: string): string {
  let start = 0;
  while (start < text.length && text.charAt(start) === "'") start++;
  return text.slice(start);
}

function withoutEndApostrophes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === "'") end--;
  return text.slice(0, end);
}
