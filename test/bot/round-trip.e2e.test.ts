import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import { Audit, CycleTarget, Plan, Update } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { exportPlan } from '../../services/plan/export';
import { importPlanFile } from '../../services/plan/import';
import { writePlanFile } from '../../services/plan-file/write';
import { slackModalSubmission, startCycleChat, type CycleChat } from '../support/chat';
import { useTestDatabase } from '../support/database';

// A plan used through the bot over real HTTP — figures submitted from a Teams card and a Slack
// modal, leave recorded and an owner and a deputy assigned in chat — is exported in every form;
// importing the export over the database it came from writes nothing, and importing it into an
// empty database then exporting again gives the same file.
const db = useTestDatabase();
const SECRET = 'round-trip-secret';
const PLAN = 'cycle-borough';
const MAX = 20 * 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-round-trip-'));
const FORMS = ['yaml', 'json', 'csv', 'xlsx'] as const;
const fileOf = (name: string, form: string) => path.join(dir, `${name}.${form}`);
let clock = new Date('2027-01-05T10:00:00Z');
let chat: CycleChat['chat'];
let stub: CycleChat['stub'];
let close: () => void;

/** Every document of every collection, to show that an import wrote nothing. */
async function everything(): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(mongoose.connection.collections))
    all[name] = (await c.find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  return all;
}

/** An Excel workbook's cells, sheet by sheet (the file itself carries its own write time). */
async function cells(file: string): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [sheet.name, rows];
    }),
  );
}

/** The cycle's rows: the targets asked for, each one's owner, and what was submitted for it. */
const askedRows = async () => CycleTarget.find({}).sort({ _id: 1 }).lean();
let asked: Awaited<ReturnType<typeof askedRows>>;

beforeAll(async () => {
  ({ stub, chat, close } = await startCycleChat(SECRET, () => clock));
  for (const who of ['29:ann', '29:lou', '29:pat']) await chat.say(who, 'hello');
  await openCycle(
    { plan: PLAN, name: 'Q3 2026/27', opensOn: '2027-01-04', dueOn: '2027-01-15', by: 'pat@cycle.gov.uk' },
    new Date('2027-01-04T08:00:00Z'),
  );
  const cycle = `${PLAN}:q3-2026-27`;
  // A figure from a Teams card, with a RAG other than the one suggested and the reason.
  expect(
    await chat.execute('29:ann', 'submitUpdate', {
      cycle,
      target: `${PLAN}:ED.1/1`,
      value: '44',
      asOf: '2026-12-31',
      rag: 'green',
      overrideReason: 'New teachers start in January.',
      commentary: 'Mock results are up.',
    }),
  ).toContain('Submitted by Ann Owner');
  // A figure from a Slack modal.
  clock = new Date('2027-01-06T11:30:00Z');
  const meta = `${cycle}|${PLAN}:ED.1/2|D-USAM|111.1`;
  const sent = await chat.slack(
    slackModalSubmission('USAM', meta, {
      value: '2',
      asOf: '2026-12-31',
      commentary: 'Two schools still in special measures.',
      correctiveAction: 'Monitoring visits this term.',
    }),
  );
  expect(sent.text).toContain('Submitted by Sam Slack');
  // Leave, an owner and a deputy, all set in chat.
  clock = new Date('2027-01-07T09:00:00Z');
  expect(await chat.say('29:lou', "I'm away until 20 January 2027")).toContain(
    'you are away until 20 Jan 2027',
  );
  expect(await chat.say('29:pat', 'assign EN.1/2 to meg@cycle.gov.uk')).toContain('Meg Manager is now owner');
  expect(await chat.say('29:pat', 'assign ED.1 deputy to dan@cycle.gov.uk')).toContain(
    'Dan Deputy is now deputy',
  );
  expect(await Update.countDocuments({ plan: PLAN })).toBe(2);
});
afterAll(async () => {
  close();
  await stub.close();
});

test('the export carries what was done in chat, and imports over the database it came from writing nothing', async () => {
  const exported = await exportPlan(PLAN);
  for (const form of FORMS) await writePlanFile(fileOf('used', form), exported);
  const yaml = readFileSync(fileOf('used', 'yaml'), 'utf8');
  expect(exported.people.find((p) => p.id === 'lou@cycle.gov.uk')?.awayUntil).toBe('2027-01-20');
  const targets = exported.priorities.flatMap((p) => p.targets);
  expect(targets.find((t) => t.id === 'EN.1/2')?.owner).toBe('meg@cycle.gov.uk');
  expect(targets.find((t) => t.id === 'ED.1/2')?.deputy).toBe('dan@cycle.gov.uk');
  // Update ids made in chat hold ':' ("<cycle>:<target>:<hash>"), and keep their cycle and RAG reasons.
  expect(exported.updates).toEqual([
    expect.objectContaining({
      id: expect.stringMatching(/^q3-2026-27:ED\.1\/1:[0-9a-f]{16}$/),
      target: 'ED.1/1',
      value: 44,
      rag: 'green',
      suggestedRag: expect.stringMatching(/^(red|amber)$/),
      overrideReason: 'New teachers start in January.',
      by: 'ann@cycle.gov.uk',
      at: '2027-01-05T10:00:00.000Z',
      channel: 'teams',
      cycle: 'q3-2026-27',
    }),
    expect.objectContaining({ target: 'ED.1/2', value: 2, channel: 'slack', cycle: 'q3-2026-27' }),
  ]);
  expect(exported.cycles).toEqual([
    expect.objectContaining({
      id: 'q3-2026-27',
      name: 'Q3 2026/27',
      status: 'open',
      openedBy: 'pat@cycle.gov.uk',
      targets: [
        { target: 'ED.1/1', owner: 'ann@cycle.gov.uk' },
        { target: 'ED.1/2', owner: 'sam@cycle.gov.uk' },
        { target: 'EN.1/1', owner: 'lou@cycle.gov.uk' },
        { target: 'EN.1/2', owner: 'ned@cycle.gov.uk' },
      ],
    }),
  ]);
  // The bot's address book (Teams conversation references) is not plan data.
  expect(yaml).not.toContain('serviceUrl');

  asked = await askedRows();
  expect(asked.filter((a) => a.submitted)).toHaveLength(2);
  const before = await everything();
  const revision = (await Plan.findById(PLAN).lean())?.revision;
  const audits = await Audit.countDocuments();
  for (const form of FORMS) {
    const summary = await importPlanFile(fileOf('used', form), MAX, { by: 'pat@cycle.gov.uk' });
    expect({ form, changed: summary.changed }).toEqual({ form, changed: false });
  }
  expect(await everything()).toEqual(before);
  expect((await Plan.findById(PLAN).lean())?.revision).toBe(revision);
  expect(await Audit.countDocuments()).toBe(audits);
});

test.each(FORMS)(
  'the .%s export imported into an empty database exports again as the same file',
  async (form) => {
    await db.reset();
    await importPlanFile(fileOf('used', form), MAX, { by: 'pat@cycle.gov.uk' });
    await writePlanFile(fileOf(`again-${form}`, form), await exportPlan(PLAN));
    if (form === 'xlsx')
      expect(await cells(fileOf('again-xlsx', form))).toEqual(await cells(fileOf('used', form)));
    else
      expect(readFileSync(fileOf(`again-${form}`, form), 'utf8')).toBe(
        readFileSync(fileOf('used', form), 'utf8'),
      );
    // The copy is a working plan: Lou is still away, the cycle shows what was submitted.
    const again = await exportPlan(PLAN);
    expect(again.people.find((p) => p.id === 'lou@cycle.gov.uk')?.awayUntil).toBe('2027-01-20');
    expect(await askedRows()).toEqual(asked);
  },
);
