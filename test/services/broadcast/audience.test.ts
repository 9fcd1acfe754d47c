import { Identity } from '../../../models';
import { AudienceError, resolveAudience, summariseAudience } from '../../../services/broadcast/audience';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

useTestDatabase();
beforeAll(async () => {
  await importFixture('test/fixtures/consultation-plan.yaml');
  // Ann has talked to the bot; the others are reachable by the ids in the plan, except Eve.
  await Identity.create({
    _id: 'teams:29:ann',
    platform: 'teams',
    userId: '29:ann',
    person: 'ann@consult.gov.uk',
    reference: { conversation: { id: 'a:dm-ann' } },
    seenAt: new Date(),
  });
});

const keys = async (spec: string) => (await resolveAudience(spec)).recipients.map((r) => r.key).sort();

test.each([
  ['everyone', 7],
  ['department: housing', 4],
  ['role: councillors', 1],
  ['role: policy team', 2],
  ['Role: policy', 2],
  ['role : councillors', 1],
  ['ROLE\t:policy team', 2],
  ['Department :  Housing ', 4],
])('"%s" resolves to %i reachable people', async (spec, n) => {
  expect(await keys(spec)).toHaveLength(n);
});

test('a list sends to each address once and names the ones the bot cannot reach', async () => {
  const audience = await resolveAudience(
    'list: ANN@consult.gov.uk, ann@consult.gov.uk;\nbob@consult.gov.uk eve@consult.gov.uk stranger@else.gov.uk',
  );
  expect(audience.recipients.map((r) => r.key).sort()).toEqual(['ann@consult.gov.uk', 'bob@consult.gov.uk']);
  expect(audience.unreachable.sort()).toEqual(['eve@consult.gov.uk', 'stranger@else.gov.uk']);
});

test('a CSV with an email column is read; a malformed one is refused with the reason', async () => {
  expect(await keys('list: name,email\nAnn,ann@consult.gov.uk\nDee,dee@consult.gov.uk\n')).toEqual([
    'ann@consult.gov.uk',
    'dee@consult.gov.uk',
  ]);
  await expect(resolveAudience('list: name,email\n"Ann,ann@consult.gov.uk\n')).rejects.toThrow(
    /The CSV list could not be read/,
  );
  await expect(resolveAudience('list: ann@consult.gov.uk, ann at consult')).rejects.toThrow(
    'These are not email addresses: "ann", "at", "consult"',
  );
  await expect(
    resolveAudience('list: bob@mail.consult.gov.uk, a@b, c@.gov, d@gov., @e.gov, f@g@h.gov, a@b.c<d'),
  ).rejects.toThrow(
    'These are not email addresses: "a@b", "c@.gov", "d@gov.", "@e.gov", "f@g@h.gov" and 1 more',
  );
});

test.each([
  ['', 'The audience is empty'],
  ['   ', 'The audience is empty'],
  [
    'department: Nowhere',
    'There is no department called "Nowhere". The departments are: Housing, Members, Policy',
  ],
  ['role: wizards', '"wizards" is not a role'],
  ['the usual crowd', "I don't understand the audience"],
  ['list: eve@consult.gov.uk', 'resolves to nobody the bot can reach (1 named but not reachable)'],
  ['slack channel: #general', 'Slack is not connected here'],
])('"%s" is refused: %s', async (spec, message) => {
  const error = await resolveAudience(spec).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AudienceError);
  expect((error as Error).message).toContain(message);
});

test('a channel audience: members in the plan by account or email, others by their account', async () => {
  const directory = async (platform: 'teams' | 'slack', channel: string) =>
    platform === 'slack' && channel === 'C123'
      ? [{ userId: 'UBOB' }, { userId: 'UGUEST', name: 'Guest' }, { userId: 'UBOB' }]
      : [{ userId: '29:x', email: 'Dee@consult.gov.uk' }];
  const slack = await resolveAudience('slack channel: <#C123|consultation>', directory);
  expect(slack.recipients.map((r) => [r.key, r.to?.platform])).toEqual([
    ['bob@consult.gov.uk', 'slack'],
    ['slack:UGUEST', 'slack'],
  ]);
  const teams = await resolveAudience('teams channel: 19:abc@thread.tacv2', directory);
  expect(teams.recipients.map((r) => r.key)).toEqual(['dee@consult.gov.uk']);
  expect(teams.recipients[0]?.to).toEqual({ platform: 'teams', address: { teamsUser: '29:x' } });
});

test.each([
  // Issue 12: all 42 addresses were printed, pushing the broadcast's counts down the card.
  [
    '42 listed addresses: the first three named, the rest counted',
    `list: ${Array.from({ length: 42 }, (_, i) => `officer${i + 1}@council.gov.uk`).join(', ')}`,
    'list: officer1@council.gov.uk, officer2@council.gov.uk, officer3@council.gov.uk and 39 more',
  ],
  [
    'a list named twice over lines and semicolons',
    'list: a@x.gov.uk,\nb@x.gov.uk; a@x.gov.uk',
    'list: a@x.gov.uk, b@x.gov.uk',
  ],
  ['a CSV list', 'list: email,name\nkim@x.gov.uk,Kim\nlee@x.gov.uk,Lee', 'list: kim@x.gov.uk, lee@x.gov.uk'],
  ['a department, spaces squeezed', 'department:   Housing', 'department: Housing'],
  ['everyone', 'everyone', 'everyone'],
])('the audience summary of %s', (_label, spec, summary) => {
  expect(summariseAudience(spec)).toBe(summary);
});

test('a long audience is cut to 120 characters, never losing the count of the rest', () => {
  const long = Array.from(
    { length: 50 },
    (_, i) => `a-very-long-mailbox-name-number-${i}@a-long-council-domain.gov.uk`,
  );
  const summary = summariseAudience(`list: ${long.join(' ')}`);
  expect(summary.length).toBeLessThanOrEqual(120);
  expect(summary).toMatch(/… and 47 more$/);
  expect(summariseAudience(`teams channel: ${'19:x'.repeat(60)}`)).toHaveLength(120);
});
