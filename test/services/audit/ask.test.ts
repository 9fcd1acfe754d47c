import { readAuditAsk, sinceDate } from '../../../services/audit/ask';
import { describeChange, valueText } from '../../../services/audit/describe';

// How the policy team asks for the audit trail, and how its lines read (issue 13, item 6).
test.each([
  ['audit', { strong: true }],
  ['audit trail', { strong: true }],
  ['show the audit log?', { strong: true }],
  ['audit since 1 nov', { since: '1 nov', strong: true }],
  ['audit of ed.1 since 2026-11-01', { about: 'ed.1', since: '2026-11-01', strong: true }],
  ['changes to ed.1', { about: 'ed.1', strong: false }],
  ['changes to ed.1/1 since last monday', { about: 'ed.1/1', since: 'last monday', strong: false }],
  ['what changed since yesterday?', { since: 'yesterday', strong: false }],
  ['recent changes', { strong: false }],
])('"%s" asks for the trail', (text, expected) => {
  expect(readAuditAsk(text)).toEqual({ about: undefined, since: undefined, ...expected });
});

test.each(['auditorium bookings', 'changesets', 'status of ed.1', 'what are the strategic aims?'])(
  '"%s" is not about the trail',
  (text) => {
    expect(readAuditAsk(text)).toBeUndefined();
  },
);

// 5 Jan 2027, 00:30 in London (still 4 Jan in California): the day counts in London.
const NOW = new Date('2027-01-05T00:30:00Z');
test.each([
  ['1 Nov', '2026-11-01T00:00:00.000Z'], // no year: the latest 1 Nov not after today
  ['1/11/2026', '2026-11-01T00:00:00.000Z'], // day first
  ['2026-06-01', '2026-05-31T23:00:00.000Z'], // midnight in London, British Summer Time
  ['yesterday', '2027-01-04T00:00:00.000Z'],
  ['5 jan', '2027-01-05T00:00:00.000Z'],
])('"since %s" starts at London midnight: %s', (text, iso) => {
  expect(sinceDate(text, NOW)?.toISOString()).toBe(iso);
});

test('a date that cannot be read is undefined', () => {
  expect(sinceDate('whenever', NOW)).toBeUndefined();
});

test.each([
  [
    { event: 'assign', before: { owner: 'a@x.gov.uk' }, after: { owner: 'b@x.gov.uk' } },
    'Owner of ED.1/1: a@x.gov.uk → b@x.gov.uk',
  ],
  [
    { event: 'assign', before: { deputy: null }, after: { deputy: 'b@x.gov.uk' } },
    'Deputy of ED.1/1: none → b@x.gov.uk',
  ],
  [
    { event: 'rag-override', before: { rag: 'amber' }, after: { rag: 'green', overrideReason: 'New data' } },
    'RAG of ED.1/1 overridden: ▲ Amber suggested → ● Green reported. Reason: New data',
  ],
  [
    { event: 'update', before: null, after: { value: 41, rag: 'green', asOf: '2026-12-31' } },
    'Update of ED.1/1: 41 (● Green) as of 31 Dec 2026',
  ],
  // An import's change: the fields before and after, figures as printed.
  [
    {
      action: 'change',
      before: { interim: { text: '46%', value: 46 }, owner: 'a@x.gov.uk' },
      after: { interim: { text: '47%', value: 47 }, owner: null },
    },
    'Target ED.1/1: interim 46% → 47%; owner a@x.gov.uk → none',
  ],
  [{ action: 'remove' }, 'Target ED.1/1 removed'],
])('a line of the trail: %j', (row, text) => {
  expect(describeChange({ action: 'change', entity: 'targets', entityId: 'leicester:ED.1/1', ...row })).toBe(
    text,
  );
});

test('leave, cycles and people read in words', () => {
  const person = { action: 'change', entity: 'people', entityId: 'lou@x.gov.uk' };
  expect(describeChange({ ...person, event: 'leave', before: {}, after: { awayUntil: '2026-12-12' } })).toBe(
    'Leave: away until 12 Dec 2026 (was not away)',
  );
  expect(describeChange({ ...person, before: { awayUntil: '2026-12-12' }, after: { awayUntil: null } })).toBe(
    'Person lou@x.gov.uk: away until 12 Dec 2026 → none',
  );
  const cycle = { action: 'create', entity: 'cycles', entityId: 'leicester:q3', event: 'cycle-open' };
  expect(describeChange({ ...cycle, after: { name: 'Q3', targetCount: 12, dueOn: '2027-01-15' } })).toBe(
    'Cycle Q3 opened: 12 targets, due 15 Jan 2027',
  );
  // A row closed before rows had an event.
  expect(describeChange({ ...cycle, action: 'change', event: undefined, after: { status: 'closed' } })).toBe(
    'Cycle q3 closed',
  );
  expect(valueText(['BV 38', 'PSA 7'])).toBe('BV 38, PSA 7');
  expect(valueText('x'.repeat(200))).toHaveLength(80);
});
