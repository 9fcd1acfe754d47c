import { createRouter } from '../../bot/router';
import { Aim, Plan, Priority, Target } from '../../models';
import { createLogger } from '../../services/log/logger';
import { loadDemoPlan } from '../../services/plan/demo';
import { readReference } from '../../services/plan/links';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { useTestDatabase } from '../support/database';

// The demo's golden thread (issue 15): invented service, team and individual plans, loaded with the
// Leicester demo, each item naming the item above it that it contributes to, up to a Leicester aim.
useTestDatabase();
const NOW = new Date('2026-11-30T10:00:00Z');
const ALEX = 'alexw@example.com';

beforeAll(async () => {
  await loadDemoPlan('auto', true, createLogger('silent'), 20 * 1024 * 1024, { now: NOW });
});

/** The item a reference names, from `plan` when it names none: its plan, key, title and links. */
async function item(reference: string, from: string) {
  const ref = readReference(reference);
  if (!ref) throw new Error(`not a reference: ${reference}`);
  const plan = ref.plan ?? from;
  const found =
    (await Target.findOne({ plan, key: ref.key }).lean()) ??
    (await Priority.findOne({ plan, key: ref.key }).lean()) ??
    (await Aim.findOne({ plan, key: ref.key }).lean());
  if (!found) throw new Error(`${reference} names nothing`);
  const title = 'text' in found ? found.text : found.title;
  return { plan, key: ref.key, title, contributesTo: found.contributesTo ?? [] };
}

test('the service, team and individual plans are loaded, marked by kind, team and person', async () => {
  const linked = (await Plan.find({}, { kind: 1, team: 1, person: 1 }).sort({ _id: 1 }).lean()).filter(
    (p) => p.kind && p.kind !== 'corporate',
  );
  expect(linked.map((p) => [p._id, p.kind, p.team ?? p.person])).toEqual([
    ['demo-education-service-2003', 'service', 'Education'],
    ['demo-objectives-alexw-2003', 'individual', ALEX],
    ['demo-objectives-jo-example-2003', 'individual', 'jo.example@demo.example'],
    ['demo-school-improvement-team-2003', 'team', 'Education'],
  ]);
  // Every item of theirs is owned by a person of the demo.
  const ids = new Set(linked.map((p) => p._id));
  const targets = (await Target.find({}).lean()).filter((t) => ids.has(t.plan));
  expect(targets.length).toBeGreaterThan(0);
  expect(targets.filter((t) => !t.owner)).toEqual([]);
  expect(targets.filter((t) => t.contributesTo.length === 0)).toEqual([]);
});

test('Alex Wilber’s objective leads, link by link, up to Leicester’s ED.1 and its Education aim', async () => {
  const chain = [await item('AW.1/1', 'demo-objectives-alexw-2003')];
  for (let next = chain[0]?.contributesTo[0]; next;) {
    const from: string = chain[chain.length - 1]?.plan ?? '';
    const found = await item(next, from);
    chain.push(found);
    next = found.contributesTo[0];
  }
  expect(chain.map((c) => `${c.plan}:${c.key}`)).toEqual([
    'demo-objectives-alexw-2003:AW.1/1',
    'demo-school-improvement-team-2003:TSI.1/1',
    'demo-education-service-2003:ESP.1/1',
    'leicester-2003:ED.1/1',
  ]);
  // ED.1/1 is Leicester's, untouched: its priority and aim are as printed.
  const ed1 = await Priority.findOne({ plan: 'leicester-2003', key: 'ED.1' }).lean();
  expect(ed1?.title).toBe('Raise attainment of all pupils.');
  expect((await Aim.findOne({ plan: 'leicester-2003', key: ed1?.aim }).lean())?.title).toBe('Education');
  expect(chain[3]?.title).toContain('5 GCSE grades A*-C');
});

test('loading the demo again changes none of the linked plans', async () => {
  const before = await Target.find({ plan: /^demo-/ })
    .sort({ _id: 1 })
    .lean();
  await loadDemoPlan('always', true, createLogger('silent'), 20 * 1024 * 1024, { now: NOW });
  expect(
    await Target.find({ plan: /^demo-/ })
      .sort({ _id: 1 })
      .lean(),
  ).toEqual(before);
});

test('Alex Wilber asks "what do I contribute to?" and sees the chain up to Leicester’s Education aim', async () => {
  const router = createRouter(new PlanCatalogue(0), { now: () => NOW });
  const view = await router({
    text: 'what do I contribute to?',
    asker: { personId: ALEX },
    channel: 'teams',
  });
  const text = JSON.stringify(view);
  // Each link of the thread is named, from Alex's objective up to the corporate plan.
  for (const step of ['AW.1', 'TSI.1', 'ESP.1', 'ED.1', 'Education']) expect(text).toContain(step);
});
