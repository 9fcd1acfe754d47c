import type { UpdateField, UpdateFormView, View } from '../../services/answers/views';
import { display } from '../display';
import { renderSlack, type Block } from './render';
import { slack, plain, section } from './text';

/** The modal's callback id; its private metadata carries "<cycle>|<target>". */
export const UPDATE_MODAL = 'submit_update';

const initial = (v: string | undefined) => (v ? { initial_value: v } : {});

/** Each input sits in a block named after its field, so errors can be returned beside it. */
function input(field: UpdateField, label: string, element: Block, optional = false, hint?: string): Block {
  return {
    type: 'input',
    block_id: field,
    optional,
    label: plain(label),
    element: { action_id: field, ...element },
    ...(hint ? { hint: plain(hint) } : {}),
  };
}

/** The update form as a Slack modal: Slack has no Adaptive Cards, so a form is a modal with inputs. */
export function updateModal(view: UpdateFormView): Block {
  const v = view.values;
  const rag = ['green', 'amber', 'red'].map((r) => ({
    text: plain(r === 'green' ? 'Green — on track' : r === 'amber' ? 'Amber — at risk' : 'Red — off track'),
    value: r,
  }));
  const chosen = rag.find((o) => o.value === v.rag);
  return {
    type: 'modal',
    callback_id: UPDATE_MODAL,
    private_metadata: `${view.cycle.id}|${view.target.id}`,
    title: plain('Target update'),
    submit: plain('Submit'),
    close: plain('Cancel'),
    blocks: [
      section(
        slack`*${view.target.code}* — ${view.target.text}\n${view.target.figures.map((f) => `${f.label}: ${f.text}`).join(' · ')}`,
      ),
      input('value', display.valueLabel(view.target.unit), { type: 'plain_text_input', ...initial(v.value) }),
      input('asOf', 'As of', { type: 'datepicker', ...(v.asOf ? { initial_date: v.asOf } : {}) }),
      input(
        'rag',
        'RAG',
        { type: 'static_select', options: rag, ...(chosen ? { initial_option: chosen } : {}) },
        true,
        'Leave blank to use the suggested RAG',
      ),
      input(
        'overrideReason',
        'Reason for a RAG other than the suggested one',
        { type: 'plain_text_input', ...initial(v.overrideReason) },
        true,
      ),
      input(
        'commentary',
        'Commentary (required for Amber and Red)',
        { type: 'plain_text_input', multiline: true, max_length: 3000, ...initial(v.commentary) },
        true,
      ),
      input(
        'correctiveAction',
        'Corrective action (required for Red)',
        { type: 'plain_text_input', multiline: true, max_length: 2000, ...initial(v.correctiveAction) },
        true,
        'What is being done to bring it back on track',
      ),
      input('evidence', 'Evidence link', { type: 'plain_text_input', ...initial(v.evidence) }, true),
    ],
  };
}

/** A modal that only says something — a refusal, or the submitted update — in place of the form. */
export function sayingModal(view: View): Block {
  return {
    type: 'modal',
    title: plain('Target update', 24),
    close: plain('Close', 24),
    blocks: renderSlack(view).blocks,
  };
}
