import { Identity } from '../../../models';
import { IdentityBook } from '../../../services/people/identities';
import { useTestDatabase } from '../../support/database';

useTestDatabase();

test('first messages arriving at once (a double click, two instances) record one identity each, no error', async () => {
  const users = Array.from({ length: 25 }, (_, i) => `29:new-${i}`);
  // Several books: several bot instances, none of which has seen these accounts.
  const results = await Promise.allSettled(
    users.flatMap((userId) =>
      Array.from({ length: 4 }, () =>
        new IdentityBook().record({ platform: 'teams', userId, name: 'New Person', reference: { userId } }),
      ),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(await Identity.countDocuments({})).toBe(users.length);
});
