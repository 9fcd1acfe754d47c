import type { QuestionView } from '../answers/views';

export const QUESTIONS_HELP =
  'One question per line: "text: What should we do first?", "single: Do you agree? | Yes | No", "multiple: Which areas? | Housing | Parks | Transport" or "rating: How clear is the draft?" (1 to 5).';

const MAX_QUESTIONS = 10;
const MAX_PROMPT = 300;
const MAX_OPTION = 80;
export const MAX_ANSWER = 2000;
export const RATINGS = ['1', '2', '3', '4', '5'];

/** Reads the questions as the author wrote them; the error says which line is wrong and why. */
export function parseQuestions(text: string): { questions: QuestionView[] } | { error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return { error: `Add at least one question. ${QUESTIONS_HELP}` };
  if (lines.length > MAX_QUESTIONS)
    return {
      error: `At most ${MAX_QUESTIONS} questions, so that it fits a phone; there are ${lines.length}.`,
    };
  const questions: QuestionView[] = [];
  for (const [i, line] of lines.entries()) {
    const where = `Question ${i + 1}`;
    const typed = /^(text|single|multiple|rating)\s*:\s*(\S.*)?$/i.exec(line);
    const kind = (typed?.[1]?.toLowerCase() ?? 'text') as QuestionView['kind'];
    const wording = typed ? (typed[2] ?? '') : line;
    const [prompt = '', ...options] = wording.split('|').map((p) => p.trim());
    if (!prompt) return { error: `${where} has no wording.` };
    if (prompt.length > MAX_PROMPT)
      return { error: `${where} is ${prompt.length} characters; keep it under ${MAX_PROMPT}.` };
    const choices = kind === 'single' || kind === 'multiple';
    if (choices && (options.length < 2 || options.some((o) => !o)))
      return { error: `${where} needs at least two choices after "|": "${kind}: ${prompt} | Yes | No".` };
    if (!choices && options.length)
      return { error: `${where} is a ${kind} question; choices ("|") are only for single and multiple.` };
    if (options.length > 10) return { error: `${where} has ${options.length} choices; at most 10.` };
    if (options.some((o) => o.length > MAX_OPTION))
      return { error: `${where} has a choice over ${MAX_OPTION} characters.` };
    if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
      return { error: `${where} lists the same choice twice.` };
    questions.push({ id: `q${i + 1}`, kind, prompt, options });
  }
  return { questions };
}

/** The questions written back as text, for a form returned with errors or an edit. */
export function questionsText(questions: QuestionView[]): string {
  return questions.map((q) => `${q.kind}: ${[q.prompt, ...q.options].join(' | ')}`).join('\n');
}

/**
 * Checks answers as the channel sent them: choices arrive as option numbers ("0", "0,2", or a
 * list), ratings as "1"–"5", text as typed. Returns the answers by label, or an error per question.
 */
export function checkAnswers(
  questions: QuestionView[],
  raw: Record<string, unknown>,
): { ok: true; answers: Record<string, string | string[]> } | { ok: false; errors: Record<string, string> } {
  const answers: Record<string, string | string[]> = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const given = raw[q.id];
    const picked = (Array.isArray(given) ? given.map(String) : String(given ?? '').split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (q.kind === 'text') {
      const text = typeof given === 'string' ? given.trim() : '';
      if (text.length > MAX_ANSWER)
        errors[q.id] =
          `This answer is ${text.length.toLocaleString('en-GB')} characters; keep it under ${MAX_ANSWER.toLocaleString('en-GB')}.`;
      else if (text) answers[q.id] = text;
    } else if (q.kind === 'rating') {
      if (picked.length > 1 || (picked[0] && !RATINGS.includes(picked[0])))
        errors[q.id] = 'Choose a rating from 1 to 5.';
      else if (picked[0]) answers[q.id] = picked[0];
    } else {
      const labels = picked.map((v) => (/^\d+$/.test(v) ? q.options[Number(v)] : undefined));
      if (labels.some((l) => l === undefined)) errors[q.id] = 'Choose from the choices given.';
      else if (q.kind === 'single' && labels.length > 1) errors[q.id] = 'Choose one.';
      else if (labels.length)
        answers[q.id] = q.kind === 'single' ? (labels[0] as string) : (labels as string[]);
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (Object.keys(answers).length === 0)
    return { ok: false, errors: { [questions[0]?.id ?? 'q1']: 'Answer at least one question.' } };
  return { ok: true, answers };
}

/** Stored answers back into form values (option numbers), so an edit starts from what was sent. */
export function answersAsValues(
  questions: QuestionView[],
  answers: Record<string, unknown>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const q of questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    if (q.kind === 'single' || q.kind === 'multiple')
      values[q.id] = (Array.isArray(a) ? a : [a])
        .map((label) => String(q.options.indexOf(String(label))))
        .filter((i) => i !== '-1')
        .join(',');
    else values[q.id] = String(a);
  }
  return values;
}
