import type { PublishWorkshopFormView } from '../../services/answers/views';
import { fieldBlocks, problemBlocks } from './policy-forms';
import { plain, type Block } from './text';

/** The modal's callback id. */
export const PUBLISH_WORKSHOP_MODAL = 'publish_workshop';

/** The policy team's modal to publish a workshop, empty or as typed. */
export function publishWorkshopModal(view: PublishWorkshopFormView): Block {
  return {
    type: 'modal',
    callback_id: PUBLISH_WORKSHOP_MODAL,
    title: plain('New workshop', 24),
    submit: plain('Publish', 24),
    close: plain('Cancel', 24),
    blocks: [...problemBlocks(view), ...fieldBlocks(view)],
  };
}
