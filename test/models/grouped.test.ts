import mongoose from 'mongoose';
import { Receipt } from '../../models';
import { grouped, insertById, readById, updateById } from '../../models/grouped';
import { useTestDatabase } from '../support/database';

// Group commit (models/grouped.ts): calls in flight together share one round trip, and each still
// gets its own answer — a duplicate key stays a "no" for its caller alone.
useTestDatabase();
type Thing = { _id: string; n: number };
const things = () => mongoose.connection.collection<Thing>('grouped-things');

beforeAll(async () => {
  await things().insertMany([
    { _id: 'a', n: 1 },
    { _id: 'b', n: 2 },
  ]);
});

test('calls made while a flush runs go together in the next, each answered in its place', async () => {
  const groups: number[][] = [];
  const double = grouped<number, number>(async (items) => {
    groups.push(items);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return items.map((i) => i * 2);
  });
  const first = double(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const rest = [double(2), double(3), double(4)];
  expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
  expect(groups).toEqual([[1], [2, 3, 4]]);
});

test('a failed flush fails its own group only; an Error answer fails its own item only', async () => {
  const flaky = grouped<number, number>(async (items) => {
    if (items.includes(0)) throw new Error('database gone');
    return items.map((i) => (i < 0 ? new Error(`bad ${i}`) : i));
  });
  await expect(Promise.all([flaky(0), flaky(1)])).rejects.toThrow('database gone');
  const [ok, bad] = await Promise.allSettled([flaky(5), flaky(-1)]);
  expect(ok).toEqual({ status: 'fulfilled', value: 5 });
  expect(bad).toMatchObject({ status: 'rejected', reason: new Error('bad -1') });
});

test('readById answers each id from one $in read, null for a missing one', async () => {
  let reads = 0;
  const read = readById<Thing>((filter) => {
    reads++;
    return things().find(filter).toArray();
  });
  const found = await Promise.all(['a', 'b', 'zz', 'a'].map(read));
  expect(found).toEqual([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, null, { _id: 'a', n: 1 }]);
  expect(reads).toBe(1);
});

test('insertById stores each new key once: a key that exists, or comes twice in a group, is a no', async () => {
  let inserts = 0;
  const insert = insertById((docs) => {
    inserts++;
    return Receipt.insertMany(docs, { ordered: false, lean: true });
  });
  const at = new Date();
  await insert({ _id: 'r-old', at });
  inserts = 0;
  const answers = await Promise.all(['r-1', 'r-old', 'r-2', 'r-1'].map((_id) => insert({ _id, at })));
  expect(answers).toEqual([true, false, true, false]);
  expect(inserts).toBe(1);
  expect((await Receipt.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((r) => r._id)).toEqual([
    'r-1',
    'r-2',
    'r-old',
  ]);
});

test('updateById applies every caller’s update in one bulk write', async () => {
  let writes = 0;
  const update = updateById<{ $set: { n: number } }>((ops) => {
    writes++;
    return things().bulkWrite(ops, { ordered: false });
  });
  await Promise.all([update('a', { $set: { n: 10 } }), update('b', { $set: { n: 20 } })]);
  expect(writes).toBe(1);
  expect(await things().find({}).sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', n: 10 },
    { _id: 'b', n: 20 },
  ]);
});
