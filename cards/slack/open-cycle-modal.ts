import type { OpenCycleFormView } from '../../services/answers/views';
import { fieldBlocks, problemBlocks } from './policy-forms';
import { plain, section, slack, type Block } from './text';

/** The modal's callback id; its private_metadata is the plan's id. */
export const OPEN_CYCLE_MODAL = 'open_cycle';

/** The policy team's modal to open a monitoring cycle of one plan, empty or as typed. */
export function openCycleModal(view: OpenCycleFormView): Block {
  return {
    type: 'modal',
    callback_id: OPEN_CYCLE_MODAL,
    private_metadata: view.plan.id,
    title: plain('Open a cycle', 24),
    submit: plain('Open the cycle', 24),
    close: plain('Cancel', 24),
    blocks: [section(slack`${view.plan.name}`), ...problemBlocks(view), ...fieldBlocks(view)],
  };
}
