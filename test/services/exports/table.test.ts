import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { toCsv, toXlsx, type Table } from '../../../services/exports/table';

const results: Table = {
  sheet: 'Results',
  columns: ['Choice', 'Votes', 'Comment'],
  rows: [
    ['Keep the library open', 42, 'Yes, please — it’s "vital"'],
    ['Close it', 0, 'line one\nline two'],
    ['£5 charge', 3.5, null],
  ],
};

function parseCsv(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: true }) as string[][];
}

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads the text as UTF-8', () => {
    const csv = toCsv(results);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes the header first, then every cell, round-tripping commas, quotes, newlines and unicode', () => {
    expect(parseCsv(toCsv(results))).toEqual([
      ['Choice', 'Votes', 'Comment'],
      ['Keep the library open', '42', 'Yes, please — it’s "vital"'],
      ['Close it', '0', 'line one\nline two'],
      ['£5 charge', '3.5', ''],
    ]);
  });

  it('leaves numbers unquoted so spreadsheets read them as numbers', () => {
    const csv = toCsv({ sheet: 's', columns: ['n'], rows: [[-7], [1.25]] });
    expect(csv).toBe('\uFEFFn\r\n-7\r\n1.25\r\n');
  });

  it.each(['=1+1', '+44 1234', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', "=HYPERLINK('http://x')"])(
    'prefixes formula-like text %j with a single quote',
    (text) => {
      const [, row] = parseCsv(toCsv({ sheet: 's', columns: ['a'], rows: [[text]] }));
      expect(row).toEqual([`'${text}`]);
    },
  );

  it('leaves ordinary text that merely contains formula characters alone', () => {
    const [, row] = parseCsv(toCsv({ sheet: 's', columns: ['a', 'b'], rows: [['a=b', 'x@example.org']] }));
    expect(row).toEqual(['a=b', 'x@example.org']);
  });

  it('guards header cells too', () => {
    const [header] = parseCsv(toCsv({ sheet: 's', columns: ['=cmd'], rows: [] }));
    expect(header).toEqual(["'=cmd"]);
  });

  it('writes NaN and Infinity as empty cells', () => {
    const [, row] = parseCsv(toCsv({ sheet: 's', columns: ['a', 'b'], rows: [[NaN, Infinity]] }));
    expect(row).toEqual(['', '']);
  });
});

describe('toXlsx', () => {
  it('writes one worksheet per table with the header, values and their types', async () => {
    const workbook = await readBack(await toXlsx([results]));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Results']);
    const sheet = workbook.getWorksheet('Results')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Choice', 'Votes', 'Comment']);
    expect(sheet.getCell('A2').value).toBe('Keep the library open');
    expect(sheet.getCell('B2').value).toBe(42);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('C2').value).toBe('Yes, please — it’s "vital"');
    expect(sheet.getCell('C3').value).toBe('line one\nline two');
    expect(sheet.getCell('A4').value).toBe('£5 charge');
    expect(sheet.getCell('B4').value).toBe(3.5);
    expect(sheet.getCell('C4').type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.rowCount).toBe(4);
  });

  it('makes the header row bold and frozen', async () => {
    const sheet = (await readBack(await toXlsx([results]))).worksheets[0]!;
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('C1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('stores formula-like text as text, never as a formula', async () => {
    const table: Table = { sheet: 's', columns: ['a', 'b'], rows: [['=1+1', '@SUM(A1:A2)']] };
    const sheet = (await readBack(await toXlsx([table]))).worksheets[0]!;
    const cell = sheet.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+1');
    expect(cell.formula).toBeUndefined();
    expect(sheet.getCell('B2').value).toBe('@SUM(A1:A2)');
  });

  it('sizes columns by their longest content, between a floor and a cap', async () => {
    const table: Table = {
      sheet: 's',
      columns: ['id', 'Short heading', 'notes'],
      rows: [[1, 'x', 'y'.repeat(500)]],
    };
    const sheet = (await readBack(await toXlsx([table]))).worksheets[0]!;
    expect(sheet.getColumn(1).width).toBe(8);
    expect(sheet.getColumn(2).width).toBe('Short heading'.length + 2);
    expect(sheet.getColumn(3).width).toBe(60);
  });

  it('makes sheet names valid for Excel: no []:*?/\\, at most 31 characters, unique', async () => {
    const names = [
      'Q1: Libraries [draft]?',
      'q1  libraries  draft',
      'A consultation title that is far too long for a sheet tab',
      'A consultation title that is far too long for a sheet tab',
      '',
      'History',
      "'quoted'",
      'a/b\\c*d',
    ];
    const tables = names.map((sheet) => ({ sheet, columns: ['a'], rows: [] }));
    const got = (await readBack(await toXlsx(tables))).worksheets.map((s) => s.name);
    expect(got).toEqual([
      'Q1 Libraries draft',
      'q1 libraries draft (2)',
      'A consultation title that is fa',
      'A consultation title that i (2)',
      'Sheet',
      'Sheet (2)',
      'quoted',
      'a b c d',
    ]);
    for (const name of got) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('takes apostrophes off both ends of a sheet name, and off the end of a shortened one', async () => {
    const names = ["'''Residents' views'''", "  ' spaced '  ", "''''", `${'x'.repeat(29)}''s tab`];
    const tables = names.map((sheet) => ({ sheet, columns: ['a'], rows: [] }));
    const got = (await readBack(await toXlsx(tables))).worksheets.map((s) => s.name);
    expect(got).toEqual(["Residents' views", 'spaced', 'Sheet', 'x'.repeat(29)]);
  });

  it('writes just the header for a table with no rows', async () => {
    const sheet = (await readBack(await toXlsx([{ sheet: 'Empty', columns: ['a', 'b'], rows: [] }])))
      .worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'a', 'b']);
    expect(sheet.rowCount).toBe(1);
  });
});
