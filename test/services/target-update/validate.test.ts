import { checkUpdate } from '../../../services/target-update/validate';

// Issue 12 (11): each wrong field gets its own error, and only the field that is wrong. A value
// that is not a number used to add "this target has no numeric target" to the RAG, even for a
// target that has one: the suggestion was missing because the value was, not the target.
type Target = Parameters<typeof checkUpdate>[1];
const context = { today: '2027-01-10', periodFrom: '2026-10-01', tolerance: 0.05 };
const gcse: Target = {
  unit: 'percent',
  direction: 'up',
  baseline: { label: '2025/26', text: '40.7%', value: 40.7 },
  interim: { label: '2027', text: '46%', value: 46 },
  final: { label: '2029', text: '50%', value: 50 },
};
const errorsOf = (values: Record<string, string>, target: Target = gcse) => {
  const checked = checkUpdate(values, target, context);
  return checked.ok ? {} : checked.errors;
};

test('a value that is not a number is an error on the value alone', () => {
  expect(errorsOf({ value: 'two', asOf: '2026-12-31' })).toEqual({
    value: 'Enter a number (a percentage, such as 41.5) — "two" is not one.',
  });
});

test('a bad as-of date is an error on the date alone', () => {
  expect(errorsOf({ value: '47', asOf: '2027-02-01' })).toEqual({
    asOf: 'The as-of date cannot be in the future (today is 2027-01-10).',
  });
  expect(errorsOf({ value: '47', asOf: '' })).toEqual({
    asOf: 'Choose the date the value is as of (a real date, yyyy-mm-dd).',
  });
});

test('a RAG must be chosen only when none can be suggested, and the message says why', () => {
  const noFigure: Target = { ...gcse, interim: { label: '2027', text: 'XX%' }, final: null };
  expect(errorsOf({ value: '47', asOf: '2026-12-31' }, noFigure)).toEqual({
    rag: 'Choose a RAG status: none can be suggested — the target is not yet set (the plan prints XX%).',
  });
  const noDirection: Target = { ...gcse, direction: null };
  expect(errorsOf({ value: '47', asOf: '2026-12-31' }, noDirection)).toEqual({
    rag: 'Choose a RAG status: none can be suggested — the plan does not say whether higher or lower is better (47% against 44.7% expected by 31 Dec 2026).',
  });
  const words: Target = { ...gcse, unit: 'level' };
  expect(errorsOf({ value: 'Level 2 achieved', asOf: '2026-12-31' }, words)).toEqual({
    rag: 'Choose a RAG status: this target is reported in words, so none can be suggested.',
  });
  expect(errorsOf({ value: 'Level 2 achieved', asOf: '2026-12-31', rag: 'green' }, words)).toEqual({});
});

test('every error fits a Slack modal field error (150 characters) without cutting', () => {
  const longest = [
    errorsOf({ value: 'x'.repeat(60), asOf: '2026-12-31' }),
    errorsOf({ value: '30', asOf: '2026-12-31', rag: 'green' }),
    errorsOf({ value: '47', asOf: '2026-12-31', rag: 'red' }),
    errorsOf(
      { value: '41', asOf: '2026-12-31', rag: 'green' },
      { ...gcse, interim: { label: 'Interim 2026/27', text: 'XX%' } },
    ),
    errorsOf({ value: '47', asOf: '2026-12-31', commentary: 'x'.repeat(2500) }),
  ].flatMap((e) => Object.values(e));
  expect(longest.length).toBeGreaterThan(4);
  for (const message of longest) expect(message.length).toBeLessThanOrEqual(150);
});
