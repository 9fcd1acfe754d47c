import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ukDate, ukDateTime } from '../answers/format';
import { pngSize } from './charts';
import { GROUP_WORDS, RAG_GROUPS, type RagCounts, type ReportModel, type ReportRow } from './model';
import { countsSentence, travelSentence, travelWord, trendLine } from './words';

/** The charts the document shows: RAG by aim, and each exception's actual against its profile. */
export interface ReportCharts {
  ragByAim: Buffer;
  /** By target key; an exception without one (none drawn, or no numeric history) has no chart. */
  exceptions: Map<string, Buffer>;
}

// A4 in twentieths of a point (210 × 297 mm), with 2 cm margins: what a UK committee template uses.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
// The widest a chart is placed: the text width of a portrait A4 page, in pixels at 96 dpi.
const MAX_IMAGE_PX = Math.floor(((A4.width - 2 * MARGIN) / 1440) * 96);

const text = (value: string, bold = false) => new TextRun({ text: value, bold });
const para = (value: string) => new Paragraph({ children: [text(value)] });
const heading = (value: string, level: 1 | 2) =>
  new Paragraph({ text: value, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });

/** A table whose first row is marked as its header row (repeated on each page it spans). */
function table(columns: string[], rows: string[][], widths?: number[]): Table {
  const cell = (value: string, bold: boolean, i: number) =>
    new TableCell({
      children: value.split('\n').map((line) => new Paragraph({ children: [text(line, bold)] })),
      ...(widths ? { width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

function image(png: Buffer, description: string): Paragraph {
  const { width, height } = pngSize(png);
  const scale = Math.min(1, MAX_IMAGE_PX / width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
        altText: { name: description.slice(0, 60), title: description, description },
      }),
    ],
  });
}

const countCells = (c: RagCounts) => [c.name, ...RAG_GROUPS.map((g) => String(c[g])), String(c.total)];

function cover(m: ReportModel): Paragraph[] {
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [text(`${m.draft ? 'DRAFT: ' : ''}Performance report: ${m.cycleName}`)],
    }),
    para(m.organisation),
    para(m.planName),
    para(
      `Monitoring cycle: ${m.cycleName}, figures as of ${ukDate(m.period.from)} onwards, due ${ukDate(m.period.due)}${m.period.closedOn ? `, closed ${ukDate(m.period.closedOn)}` : ''}.`,
    ),
    ...(m.meeting ? [para(`Report to: ${m.meeting.name}, ${ukDate(m.meeting.on)}.`)] : []),
    ...(m.reportDeadline ? [para(`Report deadline: ${ukDate(m.reportDeadline)}.`)] : []),
    para(
      m.draft
        ? `DRAFT, made ${ukDateTime(m.generatedAt)}: it shows the latest figures, including provisional ones not yet confirmed through sign-off. Not for publication.`
        : `Made ${ukDateTime(m.generatedAt)} from confirmed figures only: figures still going through sign-off are not included.`,
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function summary(m: ReportModel, charts: ReportCharts): (Paragraph | Table)[] {
  return [
    heading('Summary', 1),
    para(countsSentence(m)),
    para(travelSentence(m)),
    heading('RAG by aim', 2),
    table(
      ['Aim', ...RAG_GROUPS.map((g) => GROUP_WORDS[g]), 'Total'],
      [...m.aims.map(countCells), countCells(m.totals)],
      [34, 10, 10, 10, 10, 14, 12],
    ),
    image(
      charts.ragByAim,
      `Bar chart of RAG by aim for ${m.cycleName}; the table above gives the same counts.`,
    ),
  ];
}

/** The target's text with its PI codes, unless the text already names them ("… (BV 38).'). */
const withCodes = (r: ReportRow) => {
  const missing = r.piCodes.filter((c) => !r.text.includes(c));
  return missing.length ? `${r.text} (${missing.join(', ')})` : r.text;
};

function exception(r: ReportRow, chart: Buffer | undefined): (Paragraph | Table)[] {
  return [
    heading(`${r.key}: ${r.text}`, 2),
    table(
      ['Item', 'Detail'],
      [
        ['Target', withCodes(r)],
        ['Priority', `${r.code}: ${r.priority}`],
        ['Baseline → expected → actual', `${r.baseline || '—'} → ${r.expected || '—'} → ${r.actual}`],
        [
          'RAG',
          r.reason.startsWith(GROUP_WORDS[r.group]) ? r.reason : `${GROUP_WORDS[r.group]}: ${r.reason}`,
        ],
        ['Trend', trendLine(r)],
        ['Commentary', r.commentary || 'None given.'],
        ['Corrective action', r.correctiveAction || 'None given.'],
        ['Owner', r.owner],
        // The risk register's risks that threaten it (services/risk/report.ts), highest score first.
        ...(r.risks?.length ? [['Risks', r.risks.join('\n')]] : []),
      ],
      [28, 72],
    ),
    ...(chart
      ? [image(chart, `Line chart of ${r.key}: reported figures against the expected profile.`)]
      : []),
  ];
}

function exceptions(m: ReportModel, charts: ReportCharts): (Paragraph | Table)[] {
  return [
    heading('Exception report', 1),
    para(
      m.exceptions.length
        ? `Every target that is Red or Amber, Red first: ${m.exceptions.length} in all.`
        : 'No target is Red or Amber.',
    ),
    ...m.exceptions.flatMap((r) => exception(r, charts.exceptions.get(r.key))),
  ];
}

function appendix(m: ReportModel): (Paragraph | Table)[] {
  return [
    heading('Appendix: every target', 1),
    para(`All ${m.rows.length} targets in the cycle, in plan order.`),
    table(
      ['Aim', 'Target', 'Baseline', 'Expected', 'Actual', 'RAG', 'Trend', 'Owner'],
      m.rows.map((r) => [
        r.aim,
        `${r.key}: ${r.text}`,
        r.baseline,
        r.expected,
        r.actual,
        GROUP_WORDS[r.group],
        travelWord(r.travel),
        r.owner,
      ]),
      [12, 30, 8, 8, 12, 8, 9, 13],
    ),
  ];
}

/**
 * The performance report as a Word document (.docx, written by the `docx` package): a cover (plan,
 * cycle, meeting and deadline when the cycle names them), a summary with RAG by aim as a table and
 * a chart, the exception report (every Red and Amber target: baseline → expected → actual, RAG with
 * its reason, trend, commentary, corrective action, owner), and an appendix of every target
 * (landscape). A4; Word's own Title / Heading 1 / Heading 2 styles, so a committee clerk can paste
 * the sections into their report template; every table has a header row. A draft says DRAFT in the
 * header of every page and in its title.
 */
export async function reportDocx(m: ReportModel, charts: ReportCharts): Promise<Buffer> {
  const headerText = m.draft
    ? `DRAFT — not confirmed figures — ${m.cycleName}`
    : `${m.organisation}: performance report ${m.cycleName}`;
  const headers = {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [new TextRun({ text: headerText, bold: m.draft, size: m.draft ? 24 : 18 })],
        }),
      ],
    }),
  };
  const footers = {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
              size: 18,
            }),
          ],
        }),
      ],
    }),
  };
  const margin = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
  const document = new Document({
    creator: 'Golden Thread',
    title: `${m.draft ? 'DRAFT: ' : ''}Performance report ${m.cycleName}`,
    description: `${m.planName}: performance report for ${m.cycleName}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin } },
        headers,
        footers,
        children: [...cover(m), ...summary(m, charts), ...exceptions(m, charts)],
      },
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin },
        },
        headers,
        footers,
        children: appendix(m),
      },
    ],
  });
  return Packer.toBuffer(document);
}
