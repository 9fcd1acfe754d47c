import type { ConsultationView, NoticeView, QuestionView } from '../../services/answers/views';
import { MAX_ANSWER, RATINGS } from '../../services/consultation/questions';
import { questionBlock, renderBroadcastSlack } from './broadcast';
import type { Block } from './render';
import { clip, context, inert, join, link, slack, pieces, plain, section } from './text';

/** The modal's callback id; its private metadata is the consultation's id. */
export const ANSWER_MODAL = 'answer_consultation';

const RATING_LABEL: Record<string, string> = { '1': '1 (lowest)', '5': '5 (highest)' };

/**
 * A choice's value is its option number ("0", "1", …), as checkAnswers expects: labels can be long,
 * repeat in other questions, and change meaning if typed back; a number cannot.
 */
function choices(q: QuestionView): { text: { type: 'plain_text'; text: string }; value: string }[] {
  return q.kind === 'rating'
    ? RATINGS.map((r) => ({ text: plain(RATING_LABEL[r] ?? r, 75), value: r }))
    : q.options.map((o, i) => ({ text: plain(o, 75), value: String(i) }));
}

function element(q: QuestionView, value: string | undefined): Block {
  if (q.kind === 'text')
    return {
      type: 'plain_text_input',
      multiline: true,
      max_length: MAX_ANSWER,
      ...(value ? { initial_value: clip(value, MAX_ANSWER) } : {}),
    };
  const options = choices(q);
  const picked = (value ?? '').split(',').map((v) => v.trim());
  const initial = options.filter((o) => picked.includes(o.value));
  if (q.kind === 'multiple')
    return {
      type: 'multi_static_select',
      placeholder: plain('Choose any that apply'),
      options,
      ...(initial.length ? { initial_options: initial } : {}),
    };
  return {
    type: 'static_select',
    placeholder: plain(q.kind === 'rating' ? 'Choose a rating' : 'Choose one'),
    options,
    ...(initial[0] ? { initial_option: initial[0] } : {}),
  };
}

/** Each question is an optional input in a block named after it, so errors come back beside it. */
const input = (q: QuestionView, value: string | undefined): Block => ({
  type: 'input',
  block_id: q.id,
  optional: true,
  label: plain(q.prompt, 2000),
  element: { action_id: q.id, ...element(q, value) },
});

/** A modal that only shows something: a notice, a closed consultation, or an answer recorded. */
export function readOnlyModal(title: string, blocks: Block[]): Block {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('Close', 24),
    // A button inside a modal would open a second modal over this one: the message keeps them.
    blocks: blocks.filter((b) => b.type !== 'actions').slice(0, 100),
  };
}

export const noticeModal = (view: NoticeView): Block =>
  readOnlyModal('Consultation', [section(inert(view.text))]);

/** What the person sees once their answer is recorded (or refused because it closed): their answers. */
export function answeredModal(view: ConsultationView): Block {
  return readOnlyModal('Consultation', [
    { type: 'header', text: plain(view.header, 150) },
    section(slack`*${view.title}*`),
    ...view.questions.map((q, i) => questionBlock(q, i + 1, view)),
    ...(view.note ? [context(inert(view.note))] : []),
  ]);
}

/**
 * The consultation as a form: the summary for reference, then one input per question, filled with
 * the person's earlier answer. A closed or preview consultation has nothing to submit.
 */
export function consultationModal(view: ConsultationView): Block {
  if (view.readOnly) return readOnlyModal('Consultation', renderBroadcastSlack(view).blocks);
  const summary = pieces(inert(view.summary), 2500);
  const problems = Object.values(view.errors);
  return {
    type: 'modal',
    callback_id: ANSWER_MODAL,
    private_metadata: view.id,
    title: plain('Consultation', 24),
    submit: plain('Send answer', 24),
    close: plain('Cancel', 24),
    blocks: [
      // The whole summary is in the message; the form shows its start, to answer with it in view.
      section(slack`*${view.title}*\n${summary[0] ?? ''}${summary.length > 1 ? '…' : ''}`),
      ...(view.link ? [section(link(view.link, 'Read the full document'))] : []),
      context(slack`Closes ${view.closes}. Answer any you wish.`),
      ...(problems.length ? [section(join(problems.map((p) => slack`:warning: ${p}`)))] : []),
      ...view.questions.slice(0, 90).map((q) => input(q, view.values[q.id])),
    ],
  };
}
