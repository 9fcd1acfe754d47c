import mongoose from 'mongoose';
import { anyOf, trusted } from '../../models/operators';
import { useTestDatabase } from '../support/database';

// The embedded database reads through an index when a filter's leading index fields are string
// equalities or a date range with both ends (models/embedded/ferretdb/sqlite-index-pushdown.patch),
// and then applies sort and limit in SQL. It must answer exactly as MongoDB does, for documents of
// every shape: arrays holding the value, other types with the same JSON text, old and far dates.
useTestDatabase();

interface Row {
  _id: string;
  state?: unknown;
  at?: unknown;
  tag?: unknown;
}
const rows = () => mongoose.connection.collection<Row>('pushdown_rows');

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const LOW = day('2026-01-01');
const HIGH = day('2026-12-31');

const documents: Row[] = [
  { _id: 'due-1', state: 'due', at: day('2026-03-01'), tag: 'a' },
  { _id: 'due-2', state: 'due', at: day('2026-02-01'), tag: 'b' },
  { _id: 'due-3', state: 'due', at: day('2026-02-01'), tag: 'a' },
  { _id: 'due-late', state: 'due', at: day('2027-06-01'), tag: 'a' },
  { _id: 'due-early', state: 'due', at: day('2025-06-01'), tag: 'a' },
  { _id: 'due-1990', state: 'due', at: day('1990-01-01'), tag: 'a' }, // fewer than 13 digits
  { _id: 'due-1960', state: 'due', at: day('1960-01-01'), tag: 'a' }, // negative
  { _id: 'due-number', state: 'due', at: day('2026-01-15').getTime(), tag: 'a' }, // a number, not a date
  { _id: 'due-string-at', state: 'due', at: '2026-04-01', tag: 'a' },
  { _id: 'due-array-at', state: 'due', at: [day('2030-01-01'), day('2026-01-10')], tag: 'a' },
  { _id: 'due-no-at', state: 'due', tag: 'a' },
  { _id: 'array-state', state: ['done', 'due'], at: day('2026-01-20'), tag: 'a' },
  { _id: 'regex-state', state: /due/, at: day('2026-01-05'), tag: 'a' },
  { _id: 'done-1', state: 'done', at: day('2026-01-02'), tag: 'a' },
  { _id: 'done-2', state: 'done', at: day('2026-05-01'), tag: ['a', 'c'] },
  { _id: 'quoted', state: 'say "due"', at: day('2026-01-03'), tag: 'a<b' },
  { _id: 'nested', state: { due: true }, at: day('2026-01-04'), tag: 'a' },
];

beforeAll(async () => {
  await rows().createIndex({ state: 1, at: 1 });
  await rows().createIndex({ tag: 1 });
  await rows().insertMany(documents);
});

const ids = async (filter: object, sort?: Record<string, 1 | -1>, limit?: number) => {
  let cursor = rows().find(filter);
  if (sort) cursor = cursor.sort(sort);
  if (limit) cursor = cursor.limit(limit);
  return (await cursor.toArray()).map((d) => d._id);
};
const sorted = async (filter: object) => (await ids(filter)).sort();

test('string equality matches plain values and arrays holding them, not other types', async () => {
  expect(await sorted({ state: 'due' })).toEqual(
    [
      'array-state',
      'due-1',
      'due-1960',
      'due-1990',
      'due-2',
      'due-3',
      'due-array-at',
      'due-early',
      'due-late',
      'due-no-at',
      'due-number',
      'due-string-at',
    ].sort(),
  );
  expect(await sorted({ state: trusted({ $eq: 'done' }) })).toEqual(['array-state', 'done-1', 'done-2']);
  expect(await sorted({ tag: 'c' })).toEqual(['done-2']);
  expect(await sorted({ tag: 'a<b' })).toEqual(['quoted']);
  expect(await sorted({ state: 'say "due"' })).toEqual(['quoted']);
});

test('$in on an indexed field, with further conditions the index does not hold', async () => {
  expect(await sorted({ tag: anyOf(['b', 'c']) })).toEqual(['done-2', 'due-2']);
  expect(await sorted({ state: anyOf(['done']), tag: 'a' })).toEqual(['array-state', 'done-1', 'done-2']);
  expect(await sorted({ state: 'due', tag: 'b' })).toEqual(['due-2']);
});

test('a date range with both ends matches dates and arrays holding one, not numbers or strings', async () => {
  const range = trusted({ $gte: LOW, $lte: HIGH });
  expect(await sorted({ state: 'due', at: range })).toEqual(
    ['array-state', 'due-1', 'due-2', 'due-3', 'due-array-at'].sort(),
  );
  // Each end may be met by a different element of an array (2030 and 2026-01-10), as in MongoDB.
  expect(await sorted({ state: 'due', at: trusted({ $gt: day('2026-02-01'), $lt: HIGH }) })).toEqual([
    'due-1',
    'due-array-at',
  ]);
});

test('one-sided ranges still see old dates of fewer digits and negative ones', async () => {
  expect(await sorted({ state: 'due', at: trusted({ $lte: LOW }) })).toEqual(
    ['due-1960', 'due-1990', 'due-early'].sort(),
  );
  expect(
    await sorted({ state: 'due', at: trusted({ $lt: day('1995-01-01'), $gte: day('1950-01-01') }) }),
  ).toEqual(['due-1960', 'due-1990']);
});

test('sort and limit on the range field give MongoDB’s first documents, arrays included', async () => {
  const range = trusted({ $gte: LOW, $lte: HIGH });
  // The array's smallest date (2026-01-10) sorts it first; the plain number never takes a place.
  expect(await ids({ state: 'due', at: range }, { at: 1 }, 2)).toEqual(['due-array-at', 'array-state']);
  expect((await ids({ state: 'due', at: range }, { at: 1 }, 4)).slice(2).sort()).toEqual(['due-2', 'due-3']);
  expect(await ids({ state: 'due', at: range }, { at: 1 }, 10)).toHaveLength(5);
  // Descending sorts an array by its largest date (2030), so it comes first.
  expect(await ids({ state: 'due', at: range }, { at: -1 }, 2)).toEqual(['due-array-at', 'due-1']);
  expect(await ids({ state: 'done', at: range }, { at: 1 }, 1)).toEqual(['done-1']);
});

test('updates and deletes by an indexed field touch exactly the matching documents', async () => {
  await rows().updateMany({ tag: 'b' }, { $set: { seen: true } });
  expect(await sorted({ seen: true })).toEqual(['due-2']);
  await rows().deleteMany({ state: 'done', at: trusted({ $gte: LOW, $lte: day('2026-01-31') }) });
  expect(await sorted({ state: 'done' })).toEqual(['done-2']);
  expect(await rows().countDocuments({ state: 'due' })).toBe(11);
});
