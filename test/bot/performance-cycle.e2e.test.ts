import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { BotApp } from '../../bot/app';
import { Target, Update } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { importPlanFile } from '../../services/plan/import';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { startTestBot } from '../support/bot-app';
import { cardsOf, fileLinksOf, signOffPlanFile, textsOf } from '../support/card-reading';
import { chatClient, runDue, slackModalSubmission } from '../support/chat';
import { launchChromium } from '../support/chromium';
import { useTestDatabase } from '../support/database';
import { ROOT } from '../support/processes';
import { startRecordingConnector } from '../support/recording-connector';

// Issue 14, "Done when", as one monitoring cycle over real HTTP: updates submitted in Teams and
// Slack go through a two-step sign-off chain, one is returned and re-submitted, all are confirmed;
// closing the cycle posts the performance report's summary card; the .docx is read back (every Red
// target with its commentary in the exception section) and the .xlsx matches; the open-data JSON
// validates against its published schema with no provisional figure and no personal data; and the
// open-data page passes axe-core's WCAG 2.2 AA rules in headless Chromium.
useTestDatabase();
const SECRET = 'performance-cycle-secret';
const PLAN = 'cycle-borough';
const CYCLE = `${PLAN}:q3-2026-27`;
let clock = new Date('2027-01-04T08:00:00Z');
let bot: BotApp;
let base: string;
let close: () => void;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importPlanFile(signOffPlanFile(), 1 << 20, { by: 'pat@cycle.gov.uk' });
  stub = await startRecordingConnector();
  ({ bot, base, close } = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${stub.url}/api/`,
      LINK_SECRET: 'a-performance-cycle-link-secret',
    },
    { now: () => clock, catalogue: new PlanCatalogue(0) },
  ));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
  for (const who of ['29:ann', '29:lou', '29:meg', '29:pat']) await chat.say(who, 'hello');
  await openCycle(
    {
      plan: PLAN,
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      periodFrom: '2026-10-01',
      meeting: { name: 'Cabinet', on: '2027-02-22' },
      by: 'pat@cycle.gov.uk',
    },
    clock,
  );
});
afterAll(async () => {
  close();
  await stub.close();
});

const RED_ED = {
  commentary: 'Two schools stayed in special measures.',
  correctiveAction: 'Monitoring visits each half term.',
};
const RED_EN = { commentary: 'Storm damage in November.', correctiveAction: 'Extra crews until March.' };

const teamsSubmit = (who: string, target: string, values: Record<string, string>) =>
  chat.execute(who, 'submitUpdate', {
    cycle: CYCLE,
    target: `${PLAN}:${target}`,
    asOf: '2026-12-31',
    ...values,
  });
const slackSubmit = (user: string, target: string, values: Record<string, string>) =>
  chat.slack(
    slackModalSubmission(user, `${CYCLE}|${PLAN}:${target}|D-${user}|111.1`, {
      asOf: '2026-12-31',
      ...values,
    }),
  );
const updateOf = async (key: string) =>
  String((await Target.findById(`${PLAN}:${key}`).lean())?.latest?.update);
const decide = (
  who: string,
  verb: 'signOffApprove' | 'signOffReturn',
  update: string,
  step: number,
  comment?: string,
) => chat.execute(who, verb, { update, step: String(step), ...(comment ? { comment } : {}) });
const openData = async (form: 'json' | 'csv' | '') => {
  const res = await fetch(`${base}/open-data/plans/${PLAN}${form ? `.${form}` : ''}`);
  expect(res.status).toBe(200);
  return res.text();
};

test('a cycle from submission through sign-off to the Cabinet report and the open data', async () => {
  // Submitted: Green and Red in Teams, Red and Amber in Slack — all provisional.
  clock = new Date('2027-01-05T10:00:00Z');
  expect(await teamsSubmit('29:ann', 'ED.1/1', { value: '47' })).toContain('Provisional until signed off');
  expect(await teamsSubmit('29:lou', 'EN.1/1', { value: '80', ...RED_EN })).toContain(
    'Provisional until signed off',
  );
  expect((await slackSubmit('USAM', 'ED.1/2', { value: '3', ...RED_ED })).status).toBe(200);
  expect(
    (await slackSubmit('UNED', 'EN.1/2', { value: '39', commentary: 'Contamination in the blue bins.' }))
      .status,
  ).toBe(200);
  expect(await Update.countDocuments({ plan: PLAN })).toBe(4);
  await runDue(bot, stub.calls);

  // Step 1: the owners' line manager approves all four.
  const keys = ['ED.1/1', 'ED.1/2', 'EN.1/1', 'EN.1/2'];
  for (const key of keys)
    expect(await decide('29:meg', 'signOffApprove', await updateOf(key), 1)).toContain(
      'Approved by Meg Manager',
    );
  // Nothing is public yet: every figure is provisional.
  expect(await openData('json')).not.toMatch(/"latestConfirmed":\{/);

  // Step 2: the policy team confirms three and returns EN.1/2 with a comment.
  for (const key of ['ED.1/1', 'ED.1/2', 'EN.1/1'])
    expect(await decide('29:pat', 'signOffApprove', await updateOf(key), 2)).toContain(
      'The figure is now confirmed',
    );
  const returned = await updateOf('EN.1/2');
  expect(
    await decide('29:pat', 'signOffReturn', returned, 2, 'Is 39 the quarter or the year to date?'),
  ).toContain('Returned by Pat Policy');
  await runDue(bot, stub.calls);

  // Re-submitted from Slack: provisional again, so the open data still leaves it out.
  clock = new Date('2027-01-06T09:00:00Z');
  expect(
    (await slackSubmit('UNED', 'EN.1/2', { value: '39.5', commentary: 'Year to date, as the plan asks.' }))
      .status,
  ).toBe(200);
  const again = await updateOf('EN.1/2');
  expect(again).not.toBe(returned);
  const provisional = JSON.parse(await openData('json')) as unknown;
  expect(JSON.stringify(provisional)).not.toContain('39.5');
  await runDue(bot, stub.calls);
  expect(await decide('29:meg', 'signOffApprove', again, 1)).toContain('Approved by Meg Manager');
  expect(await decide('29:pat', 'signOffApprove', again, 2)).toContain('The figure is now confirmed');

  // The policy team's cycle status names the meeting and the deadline.
  expect(await chat.say('29:pat', 'cycle status')).toContain(
    'Report to Cabinet, 22 Feb 2027 · report deadline 12 Feb 2027',
  );

  // Closing the cycle posts the performance report's summary card.
  clock = new Date('2027-01-18T09:00:00Z');
  const [card] = cardsOf(await chat.say('29:pat', 'close cycle Q3 2026/27'));
  const lines = textsOf(card);
  expect(lines).toContain('Performance report · Q3 2026/27');
  expect(lines).toContain('Of 4 targets, 4 have a confirmed figure: 2 Red, 1 Amber and 1 Green.');
  expect(lines.join('\n')).toContain('Report to Cabinet, 22 Feb 2027 · report deadline 12 Feb 2027');

  // The Word document: each Red target with its commentary and corrective action in the exceptions.
  const files = fileLinksOf(card as Record<string, unknown>, base);
  const docx = await fetch(files['Word document'] as string);
  expect(docx.status).toBe(200);
  const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
  const exceptions = text.slice(text.indexOf('Exception report'), text.lastIndexOf('Appendix'));
  expect(exceptions.length).toBeGreaterThan(0);
  for (const red of [RED_ED, RED_EN]) {
    expect(exceptions).toContain(red.commentary);
    expect(exceptions).toContain(red.correctiveAction);
  }
  expect(text).not.toContain('DRAFT');

  // The workbook: one row per target, its RAGs the card's.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await (await fetch(files['Excel workbook'] as string)).arrayBuffer()) as never);
  const sheet = workbook.getWorksheet('Targets');
  const header = (sheet?.getRow(1).values as unknown[]) ?? [];
  const ragColumn = header.indexOf('RAG');
  const rags: string[] = [];
  sheet?.eachRow((row, n) => n > 1 && rags.push(String(row.getCell(ragColumn).value)));
  expect(rags.sort()).toEqual(['Amber', 'Green', 'Red', 'Red']);

  // The open data: valid against its published schema, confirmed figures only, no personal data.
  const feed = JSON.parse(await openData('json')) as unknown;
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'open-data.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  expect(validate(feed) ? [] : validate.errors).toEqual([]);
  const published = [JSON.stringify(feed), await openData('csv'), await openData('')].join('\n');
  expect(published).toContain('39.5');
  for (const personal of [
    '@cycle.gov.uk',
    'Ann Owner',
    'Sam Slack',
    'Meg Manager',
    'Pat Policy',
    RED_EN.commentary,
    'Is 39 the quarter',
  ])
    expect(published).not.toContain(personal);

  // The page passes axe-core's WCAG 2.2 A and AA rules in headless Chromium.
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    await page.setBypassCSP(true); // the page allows no script; axe is the test's
    await page.goto(`${base}/open-data/plans/${PLAN}`, { waitUntil: 'load' });
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const options = {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    };
    const result = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as {
      violations: { id: string }[];
    };
    expect(result.violations.map((v) => v.id)).toEqual([]);
  } finally {
    await chromium.close();
  }
}, 120_000);
