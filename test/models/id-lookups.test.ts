import mongoose from 'mongoose';
import { anyOf, trusted } from '../../models/operators';
import { useTestDatabase } from '../support/database';

// The embedded database reads by the _id index whenever a filter fixes _id (one value or $in),
// whatever else the filter says; these lookups must still honour the rest of the filter.
useTestDatabase();
const things = () => mongoose.connection.collection<{ _id: string; colour: string; n: number }>('things');

beforeAll(async () => {
  await things().insertMany([
    { _id: 'a', colour: 'red', n: 1 },
    { _id: 'b', colour: 'blue', n: 2 },
    { _id: 'c', colour: 'red', n: 3 },
  ]);
});

const ids = async (filter: object) => (await things().find(filter).toArray()).map((d) => d._id).sort();

test('an _id with other conditions matches only documents meeting all of them', async () => {
  expect(await ids({ _id: 'a', colour: 'red' })).toEqual(['a']);
  expect(await ids({ _id: 'a', colour: 'blue' })).toEqual([]);
});

test('$in on _id returns the listed documents, filtered by the rest', async () => {
  expect(await ids({ _id: anyOf(['a', 'b', 'zz']) })).toEqual(['a', 'b']);
  expect(await ids({ _id: anyOf(['a', 'b', 'c']), colour: 'red' })).toEqual(['a', 'c']);
  expect(await ids({ _id: anyOf([]) })).toEqual([]);
  expect(await ids({ _id: trusted({ $in: ['a', 2] }) })).toEqual(['a']);
});

test('updates and deletes by $in touch exactly the listed documents', async () => {
  await things().updateMany({ _id: anyOf(['b', 'c']), colour: 'red' }, { $set: { n: 30 } });
  expect((await things().find({}).sort({ _id: 1 }).toArray()).map((d) => d.n)).toEqual([1, 2, 30]);
  await things().deleteMany({ _id: anyOf(['a', 'b']), n: 2 });
  expect(await ids({})).toEqual(['a', 'c']);
});
