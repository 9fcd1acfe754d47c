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
        new IdentityBook().record({
          platform: 'teams',
          userId,
          name: 'New Person',
          reference: { userId },
          trusted: true,
        }),
      ),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(await Identity.countDocuments({})).toBe(users.length);
});

test('an unauthenticated request introduces someone but never changes where their messages go', async () => {
  const book = new IdentityBook();
  const reference = { serviceUrl: 'https://smba.trafficmanager.net/uk/', user: { id: '29:owner' } };
  await book.record({ platform: 'teams', userId: '29:owner', name: 'Owner', reference, trusted: true });
  const forged = { serviceUrl: 'http://attacker.example/', user: { id: '29:owner' } };
  // Another instance too: what it reads from the database must not be replaced either.
  for (const b of [book, new IdentityBook()])
    await b.record({
      platform: 'teams',
      userId: '29:owner',
      name: 'Owner',
      reference: forged,
      trusted: false,
    });
  expect((await Identity.findById('teams:29:owner').lean())?.reference).toEqual(reference);

  await book.record({ platform: 'teams', userId: '29:new', name: 'New', reference: forged, trusted: false });
  expect((await Identity.findById('teams:29:new').lean())?.reference).toEqual(forged);
});

test('a channel or group chat never becomes anyone’s private address', async () => {
  const book = new IdentityBook();
  const personal = { conversation: { id: 'a:1to1', conversationType: 'personal' } };
  // Seen first in a channel: known, but with no address of their own to reach them at.
  await book.record({ platform: 'teams', userId: '29:chan', name: 'Chan', trusted: true });
  expect((await Identity.findById('teams:29:chan').lean())?.reference).toBeUndefined();
  // Then 1:1: that is where their messages go, and a later channel message does not move them.
  await book.record({
    platform: 'teams',
    userId: '29:chan',
    name: 'Chan',
    reference: personal,
    trusted: true,
  });
  await book.record({ platform: 'teams', userId: '29:chan', name: 'Chan', trusted: true });
  await new IdentityBook().record({ platform: 'teams', userId: '29:chan', name: 'Chan', trusted: true });
  expect((await Identity.findById('teams:29:chan').lean())?.reference).toEqual(personal);
});
