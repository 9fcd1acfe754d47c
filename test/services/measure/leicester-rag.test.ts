import { createLogger } from '../../../services/log/logger';
import { display } from '../../../cards/display';
import { priorityStatus } from '../../../services/answers/answer';
import { loadDemoPlan } from '../../../services/plan/demo';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { useTestDatabase } from '../../support/database';

// The Leicester plan (seed 001) with the demo's updates: every target with a numeric target and a
// numeric figure gets a RAG with its one-line reason, and the ones the audit found wrong are right.
useTestDatabase();
let plan: PlanSnapshot;
const LOADED = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  await loadDemoPlan('auto', true, createLogger('silent'), 20 * 1024 * 1024, { now: LOADED });
  plan = await loadSnapshot();
});

const targetsOf = () =>
  plan.priorities.flatMap((p) => priorityStatus(p).targets.map((t) => ({ code: p.code, ...t })));
const view = (id: string) => {
  const found = targetsOf().find((t) => t.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
};

test('every reported number against a numeric target has a RAG and says why in one line', () => {
  const reported = plan.priorities
    .flatMap((p) => p.targets)
    .filter((t) => typeof t.latest?.value === 'number');
  expect(reported.length).toBeGreaterThan(20);
  for (const t of reported) {
    const v = view(t.key);
    expect(v.reason).toBeDefined();
    expect(v.reason).not.toContain('\n');
    // Either the figures' own RAG agrees with the one recorded, or the card says who chose otherwise.
    const word = v.latest?.rag ? { red: 'Red', amber: 'Amber', green: 'Green' }[v.latest.rag] : undefined;
    expect(
      [`${word}:`, `${v.latest?.rag ? display.rag(v.latest.rag) : ''} as reported`, 'No RAG:'].some((start) =>
        v.reason?.startsWith(start),
      ),
    ).toBe(true);
  }
});

test('CSY.1/2: "3%" is a 3% reduction on 9,291 offences, and the 7% final target applies now', () => {
  const v = view('CSY.1/2');
  expect(v.figures).toEqual([
    { label: 'Baseline 2001/02', text: '9291 offences' },
    { label: 'Interim 03/04', text: '3% (03/04)' },
    { label: 'Target', text: '7%' },
  ]);
});

test('CSY.1/1: a rate per 1,000 is measured against the 04/05 figure of 23.6', () => {
  expect(view('CSY.1/1').latest?.text).toBe('22.4 per 1,000 as of 30 Sept 2026');
  expect(view('CSY.1/1').reason).toBe(
    'Green: 22.4 per 1,000 against the 04/05 interim target of 23.6 per 1,000; at or better than expected',
  );
  expect(view('CSY.1/1').trend).toBe('Trend: better than the last update (22.9 per 1,000 on 30 Jun 2026)');
  expect(view('CSY.1/1').forecast).toBe(
    'Year-end forecast, 31 Mar 2027: 21.4 per 1,000 (● Green) — a straight line through the last two figures, not a target.',
  );
});

test('a chosen RAG the figures cannot give says so, with what the figures say', () => {
  expect(view('JR.1/1').reason).toBe('● Green as reported; the plan gives no target figure to compare with.');
});

test('a count forecast does not go below 0', () => {
  expect(view('ED.1/2').forecast).toMatch(/^Year-end forecast, 31 Mar 2027: 0 /);
});

test('ED.1/1: measured against the 2004 interim, saying the 2006 target is not yet set', () => {
  expect(view('ED.1/1').reason).toMatch(
    /^(Green|Amber|Red): [\d.]+% against the 2004 interim target of 46%; .*; the 2006 final target is not yet set \(XX%\)$/,
  );
});

test('JR.2 keeps its baseline of 0', () => {
  expect(view('JR.2/1').figures).toEqual([{ label: 'Baseline 2001/02', text: '0' }]);
});

test('a target with an unset figure and no update says it is not yet set', () => {
  expect(view('ED.3/1').reason ?? view('ED.3/1').latest).toBeDefined();
});
