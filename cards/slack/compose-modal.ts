import type { ComposeConsultationView, ComposeField } from '../../services/answers/views';
import { AUDIENCE_HELP } from '../../services/broadcast/audience';
import { QUESTIONS_HELP } from '../../services/consultation/questions';
import type { Block } from './render';
import { join, slack, plain, section } from './text';

/** The modal's callback id. */
export const COMPOSE_MODAL = 'compose_consultation';
/** The block (and checkbox) that asks for a preview instead of a send. */
export const PREVIEW_BLOCK = 'mode';
export const PREVIEW_ONLY = 'preview';

// Slack's plain_text_input takes at most 3,000 characters; a longer summary belongs in the document.
const MAX_INPUT = 3000;

interface Field {
  label: string;
  optional?: boolean;
  multiline?: boolean;
  max?: number;
  placeholder?: string;
  hint?: string;
}

/** The form's fields, in order; each block and its input are named after the field. */
export const COMPOSE_FIELDS: Record<ComposeField, Field> = {
  title: { label: 'Title', max: 120, placeholder: 'Budget 2027/28: your views' },
  summary: {
    label: 'What it is about',
    multiline: true,
    hint: 'Up to 3,000 characters here; link to the full document for more.',
  },
  link: { label: 'Link to the full document', optional: true, placeholder: 'https://…', max: 500 },
  questions: { label: 'Questions', multiline: true, hint: QUESTIONS_HELP },
  closes: {
    label: 'Closes',
    placeholder: 'yyyy-mm-dd or yyyy-mm-dd hh:mm',
    hint: 'London time; 17:00 when no time is given.',
  },
  nudgeDays: {
    label: 'Reminder: days before closing',
    optional: true,
    max: 2,
    placeholder: '2',
    hint: 'Those who have not answered are reminded once; 0 for no reminder.',
  },
  audience: { label: 'Who it goes to', multiline: true, hint: AUDIENCE_HELP },
  sendAt: {
    label: 'Send at',
    optional: true,
    placeholder: 'yyyy-mm-dd hh:mm',
    hint: 'London time; leave empty to send now.',
  },
};

/**
 * The policy team's form for a new consultation, empty or with what they typed. `preview` keeps
 * the "preview only" box ticked when the form comes back.
 */
export function composeModal(view: ComposeConsultationView, preview = false): Block {
  const option = { text: plain('Preview only (send nothing)'), value: PREVIEW_ONLY };
  const errors = Object.values(view.errors).filter(Boolean);
  const problem = [view.problem, ...errors].filter(Boolean).map((p) => slack`:warning: ${String(p)}`);
  return {
    type: 'modal',
    callback_id: COMPOSE_MODAL,
    title: plain('New consultation', 24),
    submit: plain('Submit', 24),
    close: plain('Cancel', 24),
    blocks: [
      ...(problem.length ? [section(join(problem))] : []),
      ...(Object.entries(COMPOSE_FIELDS) as [ComposeField, Field][]).map(([name, f]) => {
        const max = f.max ?? MAX_INPUT;
        const value = view.values[name];
        return {
          type: 'input',
          block_id: name,
          optional: !!f.optional,
          label: plain(f.label),
          element: {
            type: 'plain_text_input',
            action_id: name,
            max_length: max,
            ...(f.multiline ? { multiline: true } : {}),
            ...(f.placeholder ? { placeholder: plain(f.placeholder) } : {}),
            ...(value ? { initial_value: value.slice(0, max) } : {}),
          },
          ...(f.hint ? { hint: plain(f.hint, 2000) } : {}),
        };
      }),
      {
        type: 'input',
        block_id: PREVIEW_BLOCK,
        optional: true,
        label: plain('Preview'),
        element: {
          type: 'checkboxes',
          action_id: PREVIEW_BLOCK,
          options: [option],
          ...(preview ? { initial_options: [option] } : {}),
        },
      },
    ],
  };
}
