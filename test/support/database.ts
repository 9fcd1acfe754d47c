import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import '../../models';
import { connect } from '../../models/database';

/**
 * Connects this test file to a fresh database on the run's real server and drops it afterwards.
 * Returns a function that empties every collection, for tests that need a clean slate.
 */
export function useTestDatabase(): { reset(): Promise<void> } {
  beforeAll(async () => {
    const uri = process.env.TEST_MONGODB_URI;
    if (!uri)
      throw new Error(
        'TEST_MONGODB_URI is not set: run the tests through jest (global setup starts the database)',
      );
    await connect(
      uri,
      `t-${expect.getState().testPath?.split('/').pop()?.replace(/\W/g, '').slice(0, 30)}-${randomBytes(3).toString('hex')}`,
    );
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  });
  return {
    async reset() {
      await Promise.all(Object.values(mongoose.connection.collections).map((c) => c.deleteMany({})));
    },
  };
}
