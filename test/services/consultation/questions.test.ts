import { answersAsValues, checkAnswers, parseQuestions } from '../../../services/consultation/questions';

const parsed = parseQuestions(
  'single: Do you agree? | Yes | No\nmultiple: Which? | A | B | C\nrating: How clear?\nAnything else?',
);
const questions = 'questions' in parsed ? parsed.questions : [];

test('questions are read one a line, untyped lines being free text', () => {
  expect(questions.map((q) => [q.id, q.kind, q.prompt, q.options.length])).toEqual([
    ['q1', 'single', 'Do you agree?', 2],
    ['q2', 'multiple', 'Which?', 3],
    ['q3', 'rating', 'How clear?', 0],
    ['q4', 'text', 'Anything else?', 0],
  ]);
});

test.each([
  ['single:Agree?|Yes|No', ['single', 'Agree?', ['Yes', 'No']]],
  ['Rating :  How clear? ', ['rating', 'How clear?', []]],
  ['MULTIPLE\t:\tWhich? | A | B', ['multiple', 'Which?', ['A', 'B']]],
  ['Note: this one is free text', ['text', 'Note: this one is free text', []]],
  ['texts: not a kind', ['text', 'texts: not a kind', []]],
])('"%s" is read as %j', (text, [kind, prompt, options]) => {
  const result = parseQuestions(text);
  const [question] = 'questions' in result ? result.questions : [];
  expect([question?.kind, question?.prompt, question?.options]).toEqual([kind, prompt, options]);
});

test.each([
  ['', 'Add at least one question'],
  ['single: Agree? | Yes', 'Question 1 needs at least two choices'],
  ['rating: Clear? | 1 | 2', 'choices ("|") are only for single and multiple'],
  ['multiple: Which? | A | a', 'lists the same choice twice'],
  [Array.from({ length: 11 }, (_, i) => `Q${i}`).join('\n'), 'At most 10 questions'],
  [`text: ${'x'.repeat(301)}`, 'keep it under 300'],
  ['single:   ', 'Question 1 has no wording'],
  ['Rating :', 'Question 1 has no wording'],
])('"%s" is refused', (text, message) => {
  const result = parseQuestions(text);
  expect('error' in result && result.error).toContain(message);
});

test('answers arrive as option numbers and are kept as labels', () => {
  const checked = checkAnswers(questions, { q1: '1', q2: ['0', '2'], q3: '5', q4: '  More parks  ' });
  expect(checked).toEqual({ ok: true, answers: { q1: 'No', q2: ['A', 'C'], q3: '5', q4: 'More parks' } });
  expect(checkAnswers(questions, { q2: '0,1' })).toEqual({ ok: true, answers: { q2: ['A', 'B'] } });
  if (checked.ok)
    expect(answersAsValues(questions, checked.answers)).toEqual({
      q1: '1',
      q2: '0,2',
      q3: '5',
      q4: 'More parks',
    });
});

test('bad answers are returned per question', () => {
  expect(checkAnswers(questions, { q1: '0,1', q2: '9', q3: '6', q4: 'x'.repeat(2001) })).toEqual({
    ok: false,
    errors: {
      q1: 'Choose one.',
      q2: 'Choose from the choices given.',
      q3: 'Choose a rating from 1 to 5.',
      q4: 'This answer is 2,001 characters; keep it under 2,000.',
    },
  });
  expect(checkAnswers(questions, {})).toEqual({ ok: false, errors: { q1: 'Answer at least one question.' } });
});
