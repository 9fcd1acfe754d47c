import { Plan, Priority, Risk, Target } from '../../models';
import { understand } from '../../bot/understanding/intent';
import { answer } from '../../services/answers/answer';
import { isCommand } from '../../services/answers/intent';
import type { View } from '../../services/answers/views';
import { exportPlan } from '../../services/plan/export';
import { importPlan, importPlanFile } from '../../services/plan/import';
import { loadSnapshot, type PlanSnapshot } from '../../services/plan/snapshot';
import { useTestDatabase } from '../support/database';
import { planPath } from './seed-text';

// Every seed plan as an example file (issue 15): the four import cleanly side by side, and each
// answers three questions about itself — the status of one of its items, its top level, and a
// question in the plan's own words — asked of it by name, as a person would in chat.
useTestDatabase();
const MAX = 1024 * 1024 * 20;
const FILES = ['leicester-2003.yaml', 'york-2009.yaml', 'leeds-2008.yaml', 'melton-2011.yaml'];
let plan: PlanSnapshot;

beforeAll(async () => {
  for (const file of FILES) await importPlanFile(planPath(file), MAX, { by: 'tester' });
  plan = await loadSnapshot();
});

const ask = (text: string): View => {
  const intent = understand(text, plan);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, plan);
};
/** What an answer is about: a priority's card, or a list's lines (plan, code, title). */
const about = (view: View) => {
  if (view.kind === 'priorityStatus')
    return { kind: view.kind, plan: view.plan, title: view.title, targets: view.targets.length };
  if (view.kind === 'list')
    return {
      kind: view.kind,
      plans: [...new Set(view.items.map((i) => i.planId))],
      titles: view.items.map((i) => i.title),
    };
  return { kind: view.kind };
};

test('the four plans import cleanly, and importing them again changes nothing', async () => {
  expect((await Plan.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((p) => p._id)).toEqual([
    'leeds-2008',
    'leicester-2003',
    'melton-2011',
    'york-2009',
  ]);
  for (const file of FILES)
    expect(await importPlanFile(planPath(file), MAX, { by: 'tester' })).toMatchObject({ changed: false });
  expect(await Priority.countDocuments({ plan: 'leeds-2008' })).toBe(38);
  expect(await Priority.countDocuments({ plan: 'melton-2011' })).toBe(15);
  expect(await Target.countDocuments({ plan: 'york-2009' })).toBe(9);
  expect(await Target.countDocuments({ plan: 'york-2009', kind: 'kpi' })).toBe(1);
  expect(await Plan.findById('york-2009').lean()).toMatchObject({
    levels: ['Theme', '3-year improvement', 'One-year action', 'KPI'],
  });
  expect((await Plan.findById('leeds-2008').lean())?.crossCutting).toHaveLength(3);
  // Melton's risk matrix and the two risks it prints, both at D / III.
  expect((await Plan.findById('melton-2011').lean())?.riskMatrix?.probability?.map((s) => s.code)).toEqual([
    'A',
    'B',
    'C',
    'D',
    'E',
    'F',
  ]);
  const risks = (await Risk.find({}).sort({ key: 1 }).lean()).filter((r) => r.plan === 'melton-2011');
  expect(risks.map((r) => [r.key, r.probability, r.impact])).toEqual([
    ['1', 'D', 'III'],
    ['2', 'D', 'III'],
  ]);
  expect(await Priority.findOne({ plan: 'melton-2011', key: 'IP.1' }).lean()).toMatchObject({
    status: 'deleted',
    statusNote: expect.stringContaining('no longer relevant nationally'),
  });
});

test('each exports with its levels, big ideas, status and risks, and the export imports as no change', async () => {
  for (const id of ['york-2009', 'leeds-2008', 'melton-2011']) {
    const exported = await exportPlan(id);
    expect(await importPlan(exported, { by: 'tester' })).toMatchObject({ changed: false });
  }
  expect((await exportPlan('leeds-2008')).plan.crossCutting.map((c) => c.items)).toEqual([
    ['values-led-organisation', 'SUS.1'],
    ['intelligent-organisation'],
    ['resources-prioritised', 'SIT.4'],
  ]);
  const melton = await exportPlan('melton-2011');
  expect(melton.priorities.find((p) => p.id === 'IP.1')).toMatchObject({ status: 'deleted' });
  expect(melton.risks.map((r) => [r.id, r.probability, r.impact])).toEqual([
    ['1', 'D', 'III'],
    ['2', 'D', 'III'],
  ]);
});

describe('Leicester (seed 001)', () => {
  test('status of ED.1', () => {
    expect(about(ask('status of ED.1 in Leicester'))).toEqual({
      kind: 'priorityStatus',
      plan: 'leicester-2003',
      title: 'Raise attainment of all pupils.',
      targets: 2,
    });
  });
  test('its ten strategic aims', () => {
    const view = about(ask('aims in Leicester'));
    expect(view).toMatchObject({ kind: 'list', plans: ['leicester-2003'] });
    expect('titles' in view && view.titles).toHaveLength(10);
  });
  test('"recycling" finds EN.3', () => {
    expect(about(ask('recycling in Leicester'))).toMatchObject({
      kind: 'priorityStatus',
      plan: 'leicester-2003',
    });
    expect(about(ask('recycling in Leicester'))).toMatchObject({ title: expect.stringMatching(/recycl/i) });
  });
});

describe('York (seed 002)', () => {
  test('status of EO.3: its one-year actions and the KPI under one of them', () => {
    expect(about(ask('status of EO.3 in York'))).toEqual({
      kind: 'priorityStatus',
      plan: 'york-2009',
      title: 'Performance managing not only the priorities, but also the other elements of the strategy.',
      targets: 3,
    });
  });
  test('its eight themes', () => {
    expect(about(ask('themes in York'))).toMatchObject({
      kind: 'list',
      plans: ['york-2009'],
      titles: [
        'Sustainable City',
        'Learning City',
        'Thriving City',
        'Inclusive City',
        'Healthy City',
        'City of Culture',
        'Safer City',
        'Effective Organisation',
      ],
    });
  });
  test('"budget cycle" finds EO.2', () => {
    expect(about(ask('budget cycle in York'))).toMatchObject({
      kind: 'priorityStatus',
      plan: 'york-2009',
      title: 'Ensure that our corporate strategy and budget cycle are fully aligned.',
    });
  });
});

describe('Leeds (seed 003)', () => {
  test('status of SUS.1, the carbon improvement priority', () => {
    expect(about(ask('status of SUS.1 in Leeds'))).toEqual({
      kind: 'priorityStatus',
      plan: 'leeds-2008',
      title: 'Reduce the carbon emissions arising from our buildings, vehicles and operations',
      targets: 0,
    });
  });
  test('its three business outcomes', () => {
    expect(about(ask('business outcomes in Leeds'))).toMatchObject({
      kind: 'list',
      plans: ['leeds-2008'],
      titles: [
        'We are a values led organisation and our people are motivated and empowered',
        'We are an intelligent organisation, using good quality information to deliver better outcomes',
        'Our resources are clearly prioritised to provide excellent services and value for money',
      ],
    });
  });
  test('"customer feedback" finds CUST.3', () => {
    expect(about(ask('customer feedback in Leeds'))).toMatchObject({
      plan: 'leeds-2008',
      title: 'Improve our services based on customer feedback',
    });
  });
});

describe('Melton (seed 004)', () => {
  test('status of IP.1, the deleted matters', () => {
    expect(about(ask('status of IP.1 in Melton'))).toEqual({
      kind: 'priorityStatus',
      plan: 'melton-2011',
      // A deleted item is kept and shown as deleted, with the report's reason.
      title:
        'Matters which are no longer relevant nationally or part of the Countywide/Local Framework (deleted: The refinements have included the deletion of matters which are no longer relevant nationally or part of the Countywide/Local Framework)',
      targets: 0,
    });
  });
  test('its six key issues', () => {
    const view = about(ask('aims in Melton'));
    expect(view).toMatchObject({ kind: 'list', plans: ['melton-2011'] });
    expect('titles' in view && view.titles).toEqual([
      'Improvement Plan',
      'Corporate Plan',
      'Performance Management Task Group',
      'Extraordinary Efficiency Task Group',
      'Countywide Position',
      'Access to Services (Total Place)',
    ]);
  });
  test('"line of sight" finds the Severn Trent model', () => {
    expect(about(ask('line of sight in Melton'))).toMatchObject({
      plan: 'melton-2011',
      title: expect.stringContaining('“Line of Sight” through the Organisation'),
    });
  });
});
