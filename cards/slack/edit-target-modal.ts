import type { EditTargetFormView } from '../../services/answers/views';
import { fieldBlocks, problemBlocks } from './policy-forms';
import { plain, section, slack, type Block } from './text';

/** The modal's callback id; its private_metadata is `{"target": <id>, "version": <fingerprint>}`. */
export const EDIT_TARGET_MODAL = 'edit_target';

/** The policy team's modal to edit one target, filled with what it holds or as typed. */
export function editTargetModal(view: EditTargetFormView): Block {
  return {
    type: 'modal',
    callback_id: EDIT_TARGET_MODAL,
    private_metadata: JSON.stringify({ target: view.target.id, version: view.version }),
    title: plain('Edit target', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        slack`*${view.target.code}*\nSaved as a change to the plan: audited, and shown in its status at once.`,
      ),
      ...problemBlocks(view),
      ...fieldBlocks(view),
    ],
  };
}
