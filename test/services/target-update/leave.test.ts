import { LEAVE_PATTERN, parseAway } from '../../../services/target-update/leave';

const TODAY = '2026-11-23'; // a Monday
const read = (text: string) => parseAway(text, TODAY);

describe('away until a date', () => {
  test.each([
    ["I'm away until 3 January", '2027-01-03'],
    ['im on leave until 3/1/2027', '2027-01-03'], // day first, as in the UK
    ['away till Friday', '2026-11-27'],
    ['on leave until 2 Jan 2027', '2027-01-02'],
    ['I’m away until Friday.', '2026-11-27'], // a phone's curly apostrophe
    ['I am on annual leave until 4th December', '2026-12-04'],
    ['Im out of the office until 30/11', '2026-11-30'],
    ["I'm off until Wednesday", '2026-11-25'],
    ['off work till 7 Dec', '2026-12-07'],
    ['on holiday until next Friday', '2026-12-04'],
    ['AWAY UNTIL 3 JANUARY', '2027-01-03'],
    ['away   until\n3 January', '2027-01-03'],
    ["I'm away, until 3 January", '2027-01-03'],
    ["I'm away until tomorrow", '2026-11-24'],
    ["I'm away 1-5 Dec", '2026-12-05'], // a range says when leave ends without "until"
    ['I ’ m away until Friday', '2026-11-27'], // spaces around the apostrophe
    ["i 'm away up to 3 January", '2027-01-03'],
    ['away through Friday', '2026-11-27'],
  ])('%p → until %s', (text, until) => {
    expect(read(text)).toEqual({ kind: 'away', until });
  });

  test('a date without a year is the next one on or after today', () => {
    expect(read('away until 23 November')).toEqual({ kind: 'away', until: '2026-11-23' });
    expect(read('away until 22 November')).toEqual({ kind: 'away', until: '2027-11-22' });
    expect(read('away until Monday')).toEqual({ kind: 'away', until: '2026-11-23' });
  });

  test('today follows the London date it is given, in summer time too', () => {
    expect(parseAway('away until Friday', '2027-06-14')).toEqual({ kind: 'away', until: '2027-06-18' });
    expect(parseAway('away until 3 January', '2027-01-04')).toEqual({ kind: 'away', until: '2028-01-03' });
  });

  test('up to 365 days ahead is fine', () => {
    expect(read('away until 23/11/2027')).toEqual({ kind: 'away', until: '2027-11-23' });
  });
});

describe('back', () => {
  test.each([
    "I'm back",
    'back from leave',
    'Back from annual leave!',
    'I am back',
    'im back from holiday',
    "i' m back",
    'I ’m back from leave',
  ])('%p', (text) => {
    expect(read(text)).toEqual({ kind: 'back' });
  });
});

describe('unclear, saying what was wrong and giving an example', () => {
  test('no date at all', () => {
    expect(read("I'm away")).toEqual({
      kind: 'unclear',
      message: `Tell me the date you're away until, e.g. "I'm away until 3 January" or "away till Friday".`,
    });
    expect(read('on leave next week')).toMatchObject({
      kind: 'unclear',
      message: expect.stringContaining('e.g.'),
    });
  });

  test('a date it cannot read', () => {
    expect(read('away until blursday')).toEqual({
      kind: 'unclear',
      message: `I couldn't read "blursday" as a date. Try "I'm away until 3 January" or "away till Friday".`,
    });
    expect(read('on leave until 31/2/2027')).toMatchObject({
      kind: 'unclear',
      message: expect.stringContaining(`"31/2/2027"`),
    });
  });

  test('a date in the past', () => {
    expect(read('on leave until 3/1/2026')).toEqual({
      kind: 'unclear',
      message: `3 Jan 2026 is in the past. Tell me the date you're away until, e.g. "I'm away until 3 January" or "away till Friday".`,
    });
    expect(read('away until 22 Nov 2026')).toMatchObject({ kind: 'unclear' });
  });

  test('a date more than a year ahead', () => {
    expect(read('on leave until 2 Jan 2028')).toEqual({
      kind: 'unclear',
      message: `2 Jan 2028 is more than a year ahead; leave can be set up to 23 Nov 2027. Try "I'm away until 3 January" or "away till Friday".`,
    });
    expect(read('away until 24/11/2027')).toMatchObject({ kind: 'unclear' });
  });
});

describe('not about leave', () => {
  test.each([
    'status of ED.1',
    "what's off track?",
    'show the education priorities',
    'anything about recycling?',
    'my targets',
    'help',
    'take away the litter bins',
    'go back',
    'feedback from leaveners',
    'the council is away with the fairies',
    'immediately away',
    '',
  ])('%p → undefined', (text) => {
    expect(read(text)).toBeUndefined();
  });
});

describe('LEAVE_PATTERN', () => {
  const leave = [
    "I'm away until 3 January",
    'im on leave until 3/1/2027',
    'away till Friday',
    'on leave until 2 Jan 2027',
    "I'm back",
    'back from leave',
    "I'm away",
    'away until blursday',
  ];
  const other = ['status of ED.1', "what's off track?", 'go back', 'take away the litter bins', 'my targets'];

  test.each(leave)('spots %p, which parseAway answers', (text) => {
    expect(LEAVE_PATTERN.test(text)).toBe(true);
    expect(read(text)).toBeDefined();
  });

  test.each(other)('passes over %p, which parseAway leaves alone', (text) => {
    expect(LEAVE_PATTERN.test(text)).toBe(false);
    expect(read(text)).toBeUndefined();
  });

  test('keeps no state between calls (no global flag)', () => {
    expect(LEAVE_PATTERN.flags).not.toContain('g');
    expect([1, 2, 3].map(() => LEAVE_PATTERN.test('away till Friday'))).toEqual([true, true, true]);
  });
});

test('refuses a today that is not a date: the caller must pass the London date', () => {
  expect(() => parseAway('away till Friday', '23/11/2026')).toThrow('Today "23/11/2026" is not a real date');
});

test('counts from the London date wherever the server runs', () => {
  const zone = process.env.TZ;
  try {
    // Node applies a changed TZ at once; chrono's own reckoning of the year moved with it.
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = tz;
      expect([
        read('away until 23 November'),
        read('away until Monday'),
        read('away until 3 January'),
      ]).toEqual([
        { kind: 'away', until: '2026-11-23' },
        { kind: 'away', until: '2026-11-23' },
        { kind: 'away', until: '2027-01-03' },
      ]);
    }
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
