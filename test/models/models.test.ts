import mongoose from 'mongoose';
import { Person, Plan, Priority, Target, Update } from '../../models';
import { databaseReachable } from '../../models/database';
import { useTestDatabase } from '../support/database';

useTestDatabase();

const messages = async (doc: { validate(): Promise<void> }) =>
  Object.values((await doc.validate().catch((e: mongoose.Error.ValidationError) => e))?.errors ?? {}).map(
    (e) => e.message,
  );

test('validation speaks plainly', async () => {
  expect(
    await messages(
      new Target({ _id: 'p:T', plan: 'p', key: 'T', order: 0, kind: 'goal', direction: 'sideways' }),
    ),
  ).toEqual(
    expect.arrayContaining([
      'A target must belong to a priority',
      'A target needs its text',
      'Target kind must be target, milestone, action or kpi',
      'Direction must be up or down',
    ]),
  );
  expect(await messages(new Plan({ _id: 'p', status: 'final', version: 0 }))).toEqual(
    expect.arrayContaining([
      'A plan needs a title',
      'Plan status must be draft, consultation or adopted',
      'Plan version starts at 1',
    ]),
  );
  expect(
    await messages(
      new Update({
        _id: 'u',
        plan: 'p',
        target: 'T',
        at: new Date(),
        channel: 'teams',
        rag: 'purple',
        value: Number.NaN,
      }),
    ),
  ).toEqual(expect.arrayContaining(['An update needs its as-of date', 'RAG must be red, amber or green']));
});

test('natural keys are unique and a duplicate is refused by the database', async () => {
  await Priority.create({
    _id: 'p:ED.1',
    plan: 'p',
    key: 'ED.1',
    aim: 'education',
    title: 'Raise attainment',
    order: 0,
  });
  await expect(
    Priority.create({ _id: 'p:ED.1', plan: 'p', key: 'ED.1', aim: 'education', title: 'Again', order: 1 }),
  ).rejects.toThrow(/E11000/);
});

test('an update command of many statements completes (FerretDB patch: one cursor per statement)', async () => {
  const docs = Array.from({ length: 250 }, (_, i) => ({
    _id: `b:${i}`,
    plan: 'b',
    key: String(i),
    aim: 'a',
    title: 't',
    order: i,
  }));
  await Priority.insertMany(docs);
  const ops = docs.map((d) => ({
    updateOne: { filter: { _id: d._id }, update: { $set: { title: `changed ${d.order}` } } },
  }));
  const result = await Priority.bulkWrite(ops);
  expect(result.modifiedCount).toBe(250);
  expect((await Priority.findById('b:249').lean())?.title).toBe('changed 249');
});

test('every lookup the bot makes has an index', async () => {
  const keys = async (model: mongoose.Model<never>) =>
    (await model.collection.indexes()).map((i) => JSON.stringify(i.key));
  expect(await keys(Target as never)).toEqual(
    expect.arrayContaining(['{"plan":1,"priority":1,"order":1}', '{"owner":1}', '{"deputy":1}']),
  );
  expect(await keys(Person as never)).toEqual(expect.arrayContaining(['{"teamsId":1}', '{"slackId":1}']));
  expect(await keys(Update as never)).toEqual(expect.arrayContaining(['{"plan":1,"target":1,"at":1}']));
});

test('a filter built from user text is refused or matched literally, never run as an operator', async () => {
  await Person.create({ _id: 'ann@test.gov.uk', name: 'Ann', department: 'Environment' });
  const typed: unknown = { $ne: 'nobody' };
  await expect(Person.find({ _id: typed as string })).rejects.toThrow(/Cast to string failed/);
  await expect(Person.find({ department: typed as string })).rejects.toThrow(/Cast to string failed/);
  await expect(Person.find({ nickname: 'x' })).rejects.toThrow(/strictQuery/); // a misspelt field fails loudly
});

test('health follows the connection', async () => {
  expect(await databaseReachable()).toBe(true);
});
