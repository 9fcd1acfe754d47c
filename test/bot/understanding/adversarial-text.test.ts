import { typedText } from '../../../bot/teams/typed-text';
import {
  MAX_QUESTION_LENGTH,
  MAX_RAW_LENGTH,
  understand,
  type Intent,
} from '../../../bot/understanding/intent';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// One message of many unclosed `<at>`s once held the bot for minutes: `<at>.*?</at>` took 4.4 s on
// 200,000 characters and 126 s on 900,000. Every request must be answered within a second, so each
// call here must be too; linear work on these inputs takes milliseconds, quadratic work many seconds.
const SIZES = [200_000, 900_000];
const WITHIN_A_SECOND = 1000;

function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(WITHIN_A_SECOND);
  return result;
}

/** `unit` over and over, to at least `length` characters: whole units, so the expected text is known. */
function repeated(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length));
}

const times = (unit: string, n: number) => Math.ceil(n / unit.length);
const words = (word: string, count: number) => Array.from({ length: count }, () => word).join(' ');

describe('typedText, on text built to make patterns backtrack', () => {
  describe.each(SIZES)('%i characters', (n) => {
    test.each<[string, string, (text: string) => string]>([
      ['unclosed <at>s', '<at>', () => ''],
      ['unclosed <at>s with names', '<at>x', () => words('x', times('<at>x', n))],
      ['closed mentions', '<at>Golden Thread</at>', () => ''],
      ['closing tags alone', '</at>', () => ''],
      ['<at> then a tag inside', '<at><b>', () => ''],
      ['tags never closed', '<a', (text) => text],
      ['words', 'a ', () => words('a', times('a ', n))],
      ['spaces', ' ', () => ''],
      ['line breaks and nbsp', '\n&nbsp;', () => ''],
      ['ampersands', '&', (text) => text],
      ['entities never closed', '&amp', (text) => text],
    ])('%s', (_, unit, expected) => {
      const text = repeated(unit, n);
      expect(timed(() => typedText(text))).toBe(expected(text));
    });

    test('one tag never closed', () => {
      const text = `<a${'b'.repeat(n)}`;
      expect(timed(() => typedText(text))).toBe(text);
    });

    test('spaces then a question', () => {
      expect(timed(() => typedText(`${' '.repeat(n)}<at>Golden Thread</at> status of ED.1`))).toBe(
        'status of ED.1',
      );
    });
  });

  test('an unclosed <at> leaves the text after it, and a closed one still goes', () => {
    const text = `<at>Golden Thread</at> status of ED.1 ${'<at>'.repeat(50_000)}<at>x`;
    expect(timed(() => typedText(text))).toBe('status of ED.1 x');
  });
});

describe('understand, on text built to make patterns backtrack', () => {
  useTestDatabase();
  let plan: PlanSnapshot;
  beforeAll(async () => {
    await importFixture('test/fixtures/small-plan.yaml');
    plan = await loadSnapshot();
  });

  describe.each(SIZES)('%i characters: too long, said without reading it', (n) => {
    test.each<[string, string]>([
      ['unclosed <at>s', '<at>'],
      ['unclosed <at>s with names', '<at>x'],
      ['closed mentions', '<at>Golden Thread</at>'],
      ['Slack mentions', '<@U0123ABCD>'],
      ['Slack mentions never closed', '<@U'],
      ['words', 'a '],
      ['spaces', ' '],
      ['line breaks', '\r\n'],
      ['digits', '1'],
      ['quotes', "'"],
      ['curly quotes', '’'],
      ['slashes', '/'],
      ['at signs', '@'],
      ['question marks', '?'],
      ['a command and its argument', 'cycle status '],
      ['an update', 'update cs.1?'],
      ['an assignment', 'assign cs.1 to a@'],
      ['leave', "i ' m "],
    ])('%s', (_, unit) => {
      const text = repeated(unit, n);
      expect(timed(() => understand(text, plan))).toEqual({ kind: 'tooLong', length: text.length });
    });
  });

  test('text up to the raw limit is still normalised before its length is judged', () => {
    const padded = `<at>Golden Thread</at>${' '.repeat(MAX_RAW_LENGTH - 50)}status of CS.1`;
    expect(padded.length).toBeLessThanOrEqual(MAX_RAW_LENGTH);
    expect(understand(padded, plan)).toEqual({ kind: 'status', code: 'CS.1' });
    expect(understand(repeated('<at>x</at>', MAX_RAW_LENGTH), plan)).toEqual({ kind: 'help' });
    expect(understand(repeated('<at>', MAX_RAW_LENGTH), plan)).toEqual({
      kind: 'tooLong',
      length: MAX_RAW_LENGTH,
    });
    expect(understand('x'.repeat(MAX_QUESTION_LENGTH + 1), plan)).toEqual({
      kind: 'tooLong',
      length: MAX_QUESTION_LENGTH + 1,
    });
    expect(understand('x'.repeat(MAX_RAW_LENGTH + 1), plan)).toEqual({
      kind: 'tooLong',
      length: MAX_RAW_LENGTH + 1,
    });
  });

  // Under the length limit the command patterns still meet runs of what they once backtracked on.
  test.each<[string, string, Intent]>([
    ['a long cycle name', `cycle status ${'q'.repeat(480)}`, { kind: 'cycleStatus', cycle: 'q'.repeat(480) }],
    ['no cycle name', 'cycle status', { kind: 'cycleStatus', cycle: undefined }],
    [
      'spaces before a cycle name',
      'close the cycle   Q3 2026/27',
      { kind: 'closeCycle', cycle: 'q3 2026/27' },
    ],
    ['punctuation after a code', `update cs.1${'?'.repeat(480)}`, { kind: 'update', code: 'CS.1' }],
    ['mixed punctuation after a target', 'update CS.1/1?!', { kind: 'update', code: 'CS.1/1' }],
    ['punctuation alone', 'update ?!', { kind: 'search', query: 'update' }],
    [
      'an address of many @s',
      `assign cs.1 to a${'@'.repeat(480)}b`,
      { kind: 'assign', code: 'cs.1', role: 'owner', email: `a${'@'.repeat(480)}b` },
    ],
    [
      'an address',
      'assign CS.1 deputy to Dan.Deputy@test.gov.uk',
      { kind: 'assign', code: 'cs.1', role: 'deputy', email: 'dan.deputy@test.gov.uk' },
    ],
    // No address starts with "@", so this is no assignment (it was before the pattern was made linear).
    ['an address starting with @', 'assign cs.1 to @a@b.gov', { kind: 'status', code: 'CS.1' }],
    [
      'a long consultation name',
      `results of ${'x '.repeat(240)}`,
      { kind: 'broadcast', action: 'results', name: words('x', 240) },
    ],
    [
      'an id keeping its case',
      'Cancel broadcast consultation:Budget-1',
      { kind: 'broadcast', action: 'cancel', name: 'consultation:Budget-1' },
    ],
    ['no broadcast named', 'broadcast status', { kind: 'broadcast', action: 'status', name: undefined }],
    ['resend for', 'resend failed for Budget', { kind: 'broadcast', action: 'resend', name: 'Budget' }],
    [
      'spaces before a workshop',
      'cancel workshop  Parks',
      { kind: 'broadcast', action: 'cancelWorkshop', name: 'Parks' },
    ],
    [
      'spaces around an apostrophe',
      `I ’ m away until ${' '.repeat(400)}Friday`,
      { kind: 'leave', text: "I ' m away until Friday" },
    ],
  ])('%s', (_, text, intent) => {
    expect(timed(() => understand(text, plan))).toEqual(intent);
  });
});
