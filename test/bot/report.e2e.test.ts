import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import type { BotApp } from '../../bot/app';
import { Delivery } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { TARGET_COLUMNS } from '../../services/report/workbook';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient, runDue, slackModalSubmission } from '../support/chat';
import { cardsOf, fileLinksOf, textsOf } from '../support/card-reading';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector } from '../support/recording-connector';
import { askSlack } from '../support/slack-signing';

// The performance report (issue 14, item 3) over real HTTP on both channels: a cycle's updates
// submitted in Teams and Slack, then "performance report Q3 2026/27" from the policy team — the
// summary card, the .docx through its signed link (its text read back with mammoth), the .xlsx and
// CSV read back; a draft; the bad inputs (not policy team, no such cycle, no confirmed figures);
// and closing the cycle posting the card to the policy team.
useTestDatabase();
const SECRET = 'report-secret';
const CYCLE = 'ynys-mon:q3-2026-27';
let clock = new Date('2027-01-05T10:00:00Z');
let bot: BotApp;
let base: string;
let close: () => void;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/report-plan.yaml', 'pat@ynysmon.gov.uk');
  stub = await startRecordingConnector();
  ({ bot, base, close } = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${stub.url}/api/`,
      TEAMS_SERVICE_URL: stub.url,
      LINK_SECRET: 'a-report-link-secret-of-some-length',
    },
    { now: () => clock },
  ));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
  await openCycle(
    {
      plan: 'ynys-mon',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      periodFrom: '2026-10-01',
      meeting: { name: 'Cabinet', on: '2027-03-24' },
      by: 'pat@ynysmon.gov.uk',
    },
    new Date('2027-01-04T08:00:00Z'),
  );
});
afterAll(async () => {
  close();
  await stub.close();
});

/** A Slack slash command; resolves with the reply (Bolt answers a command in its HTTP response). */
const slackSay = (user: string, text: string) => askSlack(base, SECRET, user, text);

const cards = cardsOf;
const texts = textsOf;
const links = (card: Record<string, unknown>) => fileLinksOf(card, base);

const submit = (from: string, target: string, values: Record<string, string>) =>
  chat.execute(from, 'submitUpdate', {
    cycle: CYCLE,
    target: `ynys-mon:${target}`,
    asOf: '2026-12-31',
    ...values,
  });

test('bad input first: not the policy team, a cycle that does not exist, no confirmed figures', async () => {
  for (const who of ['29:ann', '29:pat', '29:meg']) await chat.say(who, 'hello');
  expect(await chat.say('29:meg', 'performance report Q3 2026/27')).toContain(
    'Only the policy team can make the performance report',
  );
  const missing = await chat.say('29:pat', 'performance report Q9 2026/27');
  expect(missing).toContain(
    'There is no monitoring cycle called \\"q9 2026/27\\". Did you mean \\"Q3 2026/27\\"?',
  );
  expect(missing).toContain('performance report Q3 2026/27');
  const empty = await chat.say('29:pat', 'performance report Q3 2026/27');
  expect(empty).toContain('No target in \\"Q3 2026/27\\" has a confirmed figure yet, so there is no report');
  expect(empty).not.toContain('/files/report/');
  expect(await slackSay('UPOL', 'performance report q3 2026-27')).toContain('has a confirmed figure yet');
});

test('updates submitted in Teams and Slack make the summary card; the files match it', async () => {
  expect(
    await submit('29:ann', 'ED.1/1', {
      value: '40',
      commentary: 'Dwy ysgol mewn mesurau arbennig – two schools in special measures.',
      correctiveAction: 'Cynllun cymorth – a support plan with GwE, the regional school improvement service.',
    }),
  ).toContain('Submitted by Ann Ôwen');
  expect(
    await submit('29:ann', 'EN.1/1', {
      value: '85',
      commentary: 'Storm damage in Llanfairpwllgwyngyll in November.',
      correctiveAction: 'Extra crews until March.',
    }),
  ).toContain('Submitted by');
  expect(await submit('29:ann', 'EN.1/3', { value: 'Out to consultation', rag: 'green' })).toContain(
    'Submitted by',
  );
  const slack = await chat.slack(
    slackModalSubmission('USIAN', `${CYCLE}|ynys-mon:ED.1/2|D-USIAN|111.1`, {
      value: '1',
      asOf: '2026-12-31',
    }),
  );
  expect(slack.status).toBe(200);

  const reply = await chat.say('29:pat', 'performance report Q3 2026/27');
  const [card] = cards(reply);
  expect(card).toBeDefined();
  const lines = texts(card);
  expect(lines).toContain('Performance report · Q3 2026/27');
  expect(lines).toContain('Cynllun y Cyngor – Council Plan 2026–2029');
  expect(lines).toContain('Report to Cabinet, 24 Mar 2027 · report deadline 16 Mar 2027');
  expect(lines).toContain(
    'Of 5 targets, 4 have a confirmed figure: 1 Red, 1 Amber and 2 Green. 1 is not reported.',
  );
  const aimCounts = {
    'Addysg – Llwyddiant': '◆ Red 1 · ▲ Amber 0 · ● Green 1 · No RAG 0 · Not reported 0 (of 2)',
    'Amgylchedd (Environment)': '◆ Red 0 · ▲ Amber 1 · ● Green 1 · No RAG 0 · Not reported 1 (of 3)',
  };
  for (const [aim, counts] of Object.entries(aimCounts)) expect(lines[lines.indexOf(aim) + 1]).toBe(counts);
  expect(lines.join('\n')).toContain('1 improving, 1 worse, 0 the same');
  // The exceptions, Red first, each with its owner, one-line reason and trend.
  const red = lines.indexOf('ED.1/1: Ysgol Gymraeg – Llwyddiant – pupils achieving 5 GCSEs A*-C (BV 38).');
  const amber = lines.indexOf('EN.1/1: Raise street cleanliness scores in Llanfairpwllgwyngyll (BV199).');
  expect(red).toBeGreaterThan(0);
  expect(amber).toBeGreaterThan(red);
  expect(lines[red - 1]).toBe('◆ Red');
  expect(lines[red + 1]).toBe('Red: 40% against 44.7% expected by 31 Dec 2026; more than 5% worse');
  expect(lines[red + 2]).toBe('Worse: worse than the last update (44.8% on 30 Sept 2026)');
  expect(lines[red + 3]).toBe('Owner: Ann Ôwen');
  expect(lines[amber + 2]).toBe('Improving: better than the last update (82% on 30 Sept 2026)');

  const files = links(card as Record<string, unknown>);
  expect(Object.keys(files)).toEqual(['Word document', 'Excel workbook', 'CSV']);

  // The Word document: real headings, and every Red target with its commentary and corrective
  // action in the exception section.
  const docx = await fetch(files['Word document'] as string);
  expect(docx.status).toBe(200);
  expect(docx.headers.get('content-type')).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  expect(docx.headers.get('content-disposition')).toContain('performance-report-q3-2026-27.docx');
  const buffer = Buffer.from(await docx.arrayBuffer());
  const { value: text } = await mammoth.extractRawText({ buffer });
  expect(text).toContain('Performance report: Q3 2026/27');
  expect(text).toContain('Cyngor Sir Ynys Môn');
  expect(text).toContain('Report to: Cabinet, 24 Mar 2027.');
  // Word's own heading styles and table header rows, which mammoth reads as <h1>, <h2> and <th>.
  const { value: html } = await mammoth.convertToHtml({ buffer });
  for (const h of [
    '<h1>Summary</h1>',
    '<h2>RAG by aim</h2>',
    '<h1>Exception report</h1>',
    '<h1>Appendix: every target</h1>',
  ])
    expect(html).toContain(h);
  expect(html).toContain(
    '<h2>ED.1/1: Ysgol Gymraeg – Llwyddiant – pupils achieving 5 GCSEs A*-C (BV 38).</h2>',
  );
  expect(html.match(/<thead>/g)?.length).toBe(4); // RAG by aim, two exceptions, the appendix
  expect(text).toContain('40.7% → 44.7% → 40% as of 31 Dec 2026');
  const exceptions = text.slice(text.indexOf('Exception report'), text.indexOf('Appendix: every target'));
  expect(exceptions.length).toBeGreaterThan(100);

  // The workbook: one row per target, filterable, the same counts as the card.
  const xlsx = await fetch(files['Excel workbook'] as string);
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
  const sheet = workbook.getWorksheet('Targets');
  expect(sheet).toBeDefined();
  const header = (sheet?.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual([...TARGET_COLUMNS]);
  expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet?.autoFilter).toBeTruthy();
  const rows: Record<string, string>[] = [];
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), String(row.getCell(i + 1).value ?? '')])));
  });
  expect(rows).toHaveLength(5);
  for (const [aim, counts] of Object.entries(aimCounts)) {
    const mine = rows.filter((r) => r.Aim === aim);
    const tally = (rag: string) => mine.filter((r) => r.RAG === rag).length;
    expect(
      `◆ Red ${tally('Red')} · ▲ Amber ${tally('Amber')} · ● Green ${tally('Green')} · No RAG ${tally('No RAG')} · Not reported ${tally('Not reported')} (of ${mine.length})`,
    ).toBe(counts);
  }
  const reds = rows.filter((r) => r.RAG === 'Red');
  expect(reds.map((r) => r.Target)).toEqual(['ED.1/1']);
  for (const r of reds) {
    expect(exceptions).toContain(`${r.Target}: ${r['Target text']}`);
    expect(exceptions).toContain(r.Commentary);
    expect(exceptions).toContain(r['Corrective action']);
    expect(r.Commentary).toContain('Dwy ysgol mewn mesurau arbennig');
  }
  expect(rows.find((r) => r.Target === 'ED.1/1')).toMatchObject({
    Aim: 'Addysg – Llwyddiant',
    Owner: 'Ann Ôwen',
    'Target text': 'Ysgol Gymraeg – Llwyddiant – pupils achieving 5 GCSEs A*-C (BV 38).',
    Value: '40',
    'As of': '2026-12-31',
    'Figure status': 'confirmed',
  });
  expect(rows.find((r) => r.Target === 'ED.1/2')?.Owner).toBe('Siân Llŷr');

  // The CSV round-trips the Welsh names.
  const csv = await fetch(files.CSV as string);
  const records = parse(Buffer.from(await csv.arrayBuffer()).toString('utf8'), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  expect(records.map((r) => r.Aim)).toEqual(rows.map((r) => r.Aim));
  expect(records[0]?.['Target text']).toBe(
    'Ysgol Gymraeg – Llwyddiant – pupils achieving 5 GCSEs A*-C (BV 38).',
  );

  // The RAG-by-aim chart is a PNG; a changed link is refused.
  const chartUrl = String(
    (card?.body as { type: string; url?: string }[]).find((b) => b.type === 'Image')?.url,
  );
  expect(chartUrl).toContain('/rag-by-aim.png?sig=');
  const chart = await fetch(`${base}${new URL(chartUrl).pathname}${new URL(chartUrl).search}`);
  expect(chart.headers.get('content-type')).toBe('image/png');
  expect(PNG.sync.read(Buffer.from(await chart.arrayBuffer())).width).toBeGreaterThan(300);
  expect((await fetch((files['Word document'] as string).replace('/final/', '/draft/'))).status).toBe(403);
});

test('Slack: the same summary, with the files as links', async () => {
  const reply = await slackSay('UPOL', 'performance report Q3 2026/27');
  expect(reply).toContain('Performance report · Q3 2026/27');
  expect(reply).toContain('◆ Red 1 · ▲ Amber 0 · ● Green 1 · No RAG 0 · Not reported 0 (of 2)');
  expect(reply).toContain('Owner: Ann Ôwen');
  expect(reply).toMatch(
    /\/files\/report\/ynys-mon%3Aq3-2026-27\/final\/report\.docx\?sig=[\w-]+\|Word document>/,
  );
});

test('a draft: every page of every file says DRAFT', async () => {
  const [card] = cards(await chat.say('29:pat', 'performance report Q3 2026/27 draft'));
  const lines = texts(card);
  expect(lines).toContain('Performance report · Q3 2026/27 · DRAFT');
  expect(lines.join('\n')).toContain('DRAFT — the latest figures, including provisional ones');
  const files = links(card as Record<string, unknown>);
  const docx = Buffer.from(await (await fetch(files['Word document (draft)'] as string)).arrayBuffer());
  const zip = await JSZip.loadAsync(docx);
  const headers = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  expect(headers.length).toBeGreaterThan(0);
  for (const h of headers) expect(await zip.file(h)?.async('string')).toContain('DRAFT');
  // Every section uses that header as its default (every page).
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  expect(document.match(/<w:sectPr/g)?.length).toBe(
    document.match(/<w:headerReference w:type="default"/g)?.length,
  );
  expect((await mammoth.extractRawText({ buffer: docx })).value).toContain(
    'DRAFT: Performance report: Q3 2026/27',
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    Buffer.from(await (await fetch(files['Excel workbook (draft)'] as string)).arrayBuffer()) as never,
  );
  for (const sheet of workbook.worksheets) {
    expect(sheet.name).toContain('DRAFT');
    expect(sheet.headerFooter.oddHeader).toContain('DRAFT');
  }
});

test('closing the cycle replies with the summary card and posts it to the rest of the policy team', async () => {
  clock = new Date('2027-01-16T10:00:00Z');
  const [card] = cards(await chat.say('29:pat', 'close cycle Q3 2026/27'));
  const lines = texts(card);
  expect(lines).toContain(
    'Closed "Q3 2026/27" on 16 Jan 2027 with 4 of 5 targets updated. Its forms no longer take updates and no more reminders go out.',
  );
  expect(lines).toContain('Performance report · Q3 2026/27');
  const sent = await runDue(bot, stub.calls);
  const toPol = sent.slack.filter((c) => String(c.body.channel).includes('UPOL'));
  expect(toPol).toHaveLength(1);
  expect(JSON.stringify(toPol[0]?.body)).toContain('Performance report · Q3 2026/27');
  // Pat closed it and has it as the reply: not sent again.
  expect(await Delivery.countDocuments({ person: 'pat@ynysmon.gov.uk', batch: `report:${CYCLE}` })).toBe(0);
});
