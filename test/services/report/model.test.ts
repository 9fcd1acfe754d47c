import type { TargetEntry } from '../../../services/plan/snapshot';
import { buildReport, figureFor, travelOf, type ReportInput } from '../../../services/report/model';
import { countsSentence, travelSentence } from '../../../services/report/words';

// The performance report's model (issue 14, item 3): which figure each target reports (confirmed,
// or the latest in a draft, and only the cycle's), counts by RAG per aim with "no RAG" and "not
// reported", direction of travel by polarity, and the exceptions, Red first.

const cycle = {
  _id: 'ynys-mon:q3-2026-27',
  name: 'Q3 2026/27',
  periodFrom: '2026-10-01',
  dueOn: '2027-01-15',
  meeting: { name: 'Cabinet', on: '2027-03-24' },
  reportDeadline: '2027-03-12',
};
const at = new Date('2027-01-05T10:00:00Z');
const figure = (value: number | undefined, extra: Record<string, unknown> = {}) => ({
  update: `u-${value}`,
  value,
  asOf: '2026-12-31',
  at,
  cycle: cycle._id,
  status: 'confirmed',
  ...extra,
});

function target(key: string, extra: Record<string, unknown>): TargetEntry {
  return {
    _id: `ynys-mon:${key}`,
    plan: 'ynys-mon',
    key,
    priority: key.split('/')[0],
    kind: 'target',
    text: `Target ${key}`,
    piCodes: [],
    order: 0,
    unit: 'percent',
    direction: 'up',
    baseline: { label: '2025/26', text: '40.7%', value: 40.7 },
    interim: { label: '2027', text: '46%', value: 46 },
    final: { label: '2029', text: '50%', value: 50 },
    planEnd: '2029-03-31',
    ...extra,
  } as unknown as TargetEntry;
}

function input(targets: { target: TargetEntry; aim: string }[], draft = false): ReportInput {
  return {
    cycle,
    plan: { _id: 'ynys-mon', title: 'Cynllun y Cyngor', organisation: 'Cyngor Sir Ynys Môn' },
    targets: targets.map((t) => ({ ...t, code: 'ED.1', priority: 'Codi cyrhaeddiad' })),
    draft,
    now: at,
  };
}

const red = target('ED.1/1', {
  ownerName: 'Ann Ôwen',
  confirmed: figure(40, {
    rag: 'red',
    commentary: 'Two schools in special measures.',
    correctiveAction: 'Support plan with the regional consortium.',
  }),
  latest: figure(40, { rag: 'red' }),
  recent: [
    { update: 'u-40', asOf: '2026-12-31', value: 40, at },
    { update: 'q2', asOf: '2026-09-30', value: 44.8, at },
  ],
});
const green = target('ED.1/2', {
  confirmed: figure(48, { rag: 'green' }),
  recent: [{ update: 'q2', asOf: '2026-09-30', value: 44, at }],
});
// Submitted, not yet confirmed: reported only in a draft.
const provisional = target('EN.1/1', {
  latest: figure(43, { rag: 'amber', status: 'provisional', commentary: 'Awaiting data.' }),
});
// Reported in words with no RAG.
const words = target('EN.1/2', { unit: 'text', confirmed: figure(undefined, { text: 'Adopted' }) });
// A confirmed figure from the quarter before: not this cycle's.
const stale = target('EN.1/3', {
  confirmed: figure(45, { cycle: 'ynys-mon:q2-2026-27', asOf: '2026-09-30' }),
});

const all = [
  { target: red, aim: 'Addysg – Llwyddiant' },
  { target: green, aim: 'Addysg – Llwyddiant' },
  { target: provisional, aim: 'Amgylchedd' },
  { target: words, aim: 'Amgylchedd' },
  { target: stale, aim: 'Amgylchedd' },
];

test('confirmed figures only: counts by RAG per aim, with no RAG and not reported', () => {
  const m = buildReport(input(all));
  expect(m.aims).toEqual([
    { name: 'Addysg – Llwyddiant', red: 1, amber: 0, green: 1, noRag: 0, notReported: 0, total: 2 },
    { name: 'Amgylchedd', red: 0, amber: 0, green: 0, noRag: 1, notReported: 2, total: 3 },
  ]);
  expect(m.totals).toMatchObject({ red: 1, amber: 0, green: 1, noRag: 1, notReported: 2, total: 5 });
  expect(m.reported).toBe(3);
  expect(m.rows.find((r) => r.key === 'EN.1/1')).toMatchObject({
    group: 'notReported',
    actual: '',
    reason: 'No confirmed figure in this cycle.',
  });
  expect(countsSentence(m)).toBe(
    'Of 5 targets, 3 have a confirmed figure: 1 Red, 0 Amber, 1 Green and 1 with no RAG. 2 are not reported.',
  );
  expect(m.meeting).toEqual({ name: 'Cabinet', on: '2027-03-24' });
});

test('a draft reports the latest figure, confirmed or not', () => {
  const m = buildReport(input(all, true));
  expect(m.rows.find((r) => r.key === 'EN.1/1')).toMatchObject({
    group: 'amber',
    status: 'provisional',
    commentary: 'Awaiting data.',
  });
  expect(m.exceptions.map((r) => r.key)).toEqual(['ED.1/1', 'EN.1/1']);
});

test('an exception carries baseline → expected → actual, reason, trend, commentary, corrective action, owner', () => {
  const [row] = buildReport(input(all)).exceptions;
  expect(row).toMatchObject({
    key: 'ED.1/1',
    baseline: '40.7%',
    actual: '40% as of 31 Dec 2026',
    group: 'red',
    travel: 'worse',
    trend: 'worse than the last update (44.8% on 30 Sept 2026)',
    commentary: 'Two schools in special measures.',
    correctiveAction: 'Support plan with the regional consortium.',
    owner: 'Ann Ôwen',
  });
  expect(row?.expected).toMatch(/^4\d(\.\d)?%$/);
  expect(row?.reason).toMatch(/^Red: 40% against/);
});

test('direction of travel honours polarity, and counts only reported targets', () => {
  expect(travelOf(5, 4, 'up')).toBe('improving');
  expect(travelOf(5, 4, 'down')).toBe('worse');
  expect(travelOf(4, 4, undefined)).toBe('same');
  expect(travelOf(5, 4, undefined)).toBeUndefined();
  const m = buildReport(input(all));
  expect(m.travel).toEqual({ improving: 1, worse: 1, same: 0, none: 1 });
  expect(travelSentence(m)).toContain('1 improving, 1 worse, 0 the same');
});

test("a figure belongs to the cycle it answered, or (from a file) to the cycle's period", () => {
  expect(figureFor({ confirmed: figure(1) }, cycle, false)).toBeDefined();
  expect(figureFor({ confirmed: figure(1, { cycle: 'other' }) }, cycle, false)).toBeUndefined();
  expect(figureFor({ confirmed: figure(1, { cycle: undefined }) }, cycle, false)).toBeDefined();
  expect(
    figureFor({ confirmed: figure(1, { cycle: undefined, asOf: '2026-09-30' }) }, cycle, false),
  ).toBeUndefined();
  expect(figureFor({ latest: figure(1) }, cycle, false)).toBeUndefined();
});

test('a cycle with no confirmed figures reports none', () => {
  const m = buildReport(input([{ target: provisional, aim: 'Amgylchedd' }]));
  expect(m.reported).toBe(0);
  expect(m.exceptions).toEqual([]);
});
