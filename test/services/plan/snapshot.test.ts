import path from 'node:path';
import { Plan, Target } from '../../../models';
import { importPlanFile } from '../../../services/plan/import';
import { PlanCatalogue, loadSnapshot } from '../../../services/plan/snapshot';
import { useTestDatabase } from '../../support/database';

useTestDatabase();
const SMALL = path.join(__dirname, '..', '..', 'fixtures', 'small-plan.yaml');

beforeAll(() => importPlanFile(SMALL, 20 * 1024 * 1024, { by: 'tester@test.gov.uk' }));

test('codes in any spelling find their priority; a miss suggests the closest', async () => {
  const snapshot = await loadSnapshot();
  for (const typed of ['CS.1', 'cs1', 'CS 1', 'cs-1', 'Le. 1', 'le1', 'LE.1']) {
    expect(snapshot.priorityByCode(typed)?.key).toBe(typed.toLowerCase().startsWith('l') ? 'LE.1' : 'CS.1');
  }
  expect(snapshot.priorityByCode('CS.9')).toBeUndefined();
  expect(snapshot.closestCodes('CS.9')).toEqual(['CS.1']);
  // The letters before the number are what "did you mean" matches on, however many digits follow.
  expect(snapshot.closestCodes('CS.123456')).toEqual(['CS.1']);
  expect(snapshot.closestCodes('le 7')).toEqual(['Le. 1']);
  const cs1 = snapshot.priorityByCode('cs1');
  expect(cs1?.aimEntry?.title).toBe('Clean streets');
  expect(cs1?.targets.map((t) => t.key)).toEqual(['CS.1/1']);
});

test('keyword search is stemmed and fuzzy', async () => {
  const snapshot = await loadSnapshot();
  expect(snapshot.searchPriorities('recycling')[0]?.priority.key).toBe('CS.1');
  expect(snapshot.searchPriorities('recycled waste')[0]?.priority.key).toBe('CS.1');
  expect(snapshot.searchPriorities('exclusion')[0]?.priority.key).toBe('LE.1');
  expect(snapshot.searchPriorities('zebra crossings')).toEqual([]);
});

test('the catalogue reloads only when a plan revision moves', async () => {
  let now = 0;
  const catalogue = new PlanCatalogue(1000, () => now);
  const first = await catalogue.current();
  now = 5000;
  expect(await catalogue.current()).toBe(first);
  await Plan.updateOne({ _id: 'test-borough' }, { $inc: { revision: 1 } });
  expect(await catalogue.current()).toBe(first); // checked at most once a second
  now = 7000;
  expect(await catalogue.current()).not.toBe(first);
});

test('a snapshot that failed to load is loaded again, the last good one answering meanwhile', async () => {
  let now = 0;
  const catalogue = new PlanCatalogue(1000, () => now);
  const failing = () =>
    jest.spyOn(Target, 'find').mockImplementationOnce(() => {
      throw new Error('connection timed out');
    });
  // No snapshot yet: the question fails, and the next one loads afresh.
  const spy = failing();
  await expect(catalogue.current()).rejects.toThrow('connection timed out');
  spy.mockRestore();
  const good = await catalogue.current();
  expect(good.priorities.length).toBeGreaterThan(0);
  // A revision moves and the reload fails: the last good snapshot answers, then a reload succeeds.
  await Plan.updateOne({ _id: 'test-borough' }, { $inc: { revision: 1 } });
  now = 5000;
  const again = failing();
  await expect(catalogue.current()).rejects.toThrow('connection timed out');
  again.mockRestore();
  expect(await catalogue.current()).toBe(good);
  now = 7000;
  const fresh = await catalogue.current();
  expect(fresh).not.toBe(good);
  expect(fresh.priorities.length).toBe(good.priorities.length);
});

test('targets come in plan order, as the database sorted them before', async () => {
  const snapshot = await loadSnapshot();
  const sorted = await Target.find().sort({ plan: 1, order: 1 }).lean();
  expect(snapshot.priorities.flatMap((p) => p.targets.map((t) => t.key))).toEqual(
    snapshot.priorities.flatMap((p) =>
      sorted.filter((t) => t.plan === p.plan && t.priority === p.key).map((t) => t.key),
    ),
  );
});
