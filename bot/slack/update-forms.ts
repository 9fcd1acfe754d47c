import { formMetadata, modalState, readField } from './modal-state';
import { refuseUnreadable } from './unreadable';
import type { App } from '@slack/bolt';
import { OPEN_UPDATE, renderSlack } from '../../cards/slack/render';
import { sayingModal, UPDATE_MODAL, updateModal } from '../../cards/slack/update-modal';
import { excerpt } from '../../services/answers/format';
import { UPDATE_FIELDS, type View } from '../../services/answers/views';
import type { Logger } from '../../services/log/logger';
import type { SubmitResult, Submission } from '../../services/target-update/submit';
import { whoIs } from './slack-app';

type Submit = (submission: Submission) => Promise<SubmitResult>;
type OpenForm = (cycleId: string, targetId: string, personId: string | undefined) => Promise<View>;

/** The longest error shown under a modal field: longer ones are cut at a word boundary. */
export const FIELD_ERROR_MAX = 150;

// The request's own button, and the per-target buttons of a list ("my targets"): `open_update_3`.
const OPEN_UPDATE_ANY = new RegExp(`^${OPEN_UPDATE}(_\\d+)?$`);

/**
 * Update forms in Slack: a request's button, or a target's button in "my targets", opens a modal;
 * its submission is checked, and errors come back beside the fields in the same modal (which keeps
 * what was typed).
 */
export function registerUpdateForms(app: App, submit: Submit, openForm: OpenForm, log: Logger): void {
  app.action({ type: 'block_actions', action_id: OPEN_UPDATE_ANY }, async ({ ack, action, body, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const [cycleId = '', targetId = ''] = value.split('|');
    const { personId } = await whoIs(body.team?.id, body.user.id, body.channel?.id);
    const form = await openForm(cycleId, targetId, personId);
    const trigger = 'trigger_id' in body ? String(body.trigger_id) : '';
    // Only a request (one target, one message) turns into "submitted" once done: a list of
    // targets stays as it is.
    const request = 'action_id' in action && action.action_id === OPEN_UPDATE;
    const where =
      request && body.channel?.id && 'message' in body && body.message?.ts
        ? `|${body.channel.id}|${body.message.ts}`
        : '';
    const view =
      form.kind === 'updateForm'
        ? { ...updateModal(form), private_metadata: `${cycleId}|${targetId}${where}` }
        : sayingModal(form);
    await client.views.open({ trigger_id: trigger, view: view as never });
  });

  app.view(UPDATE_MODAL, async ({ ack, body, view, client }) => {
    const meta = formMetadata.safeParse(view.private_metadata);
    const state = modalState.safeParse(view.state?.values);
    if (!meta.success || !state.success) {
      await refuseUnreadable(ack, log, 'update modal', view.private_metadata);
      return;
    }
    const [cycleId = '', targetId = '', channel, ts] = meta.data.split('|');
    const values = Object.fromEntries(UPDATE_FIELDS.map((f) => [f, readField(state.data, f)]));
    const { personId } = await whoIs(body.team?.id, body.user.id, undefined);
    const result = await submit({ cycleId, targetId, personId, channel: 'slack', values });
    if (!result.ok && result.view.kind === 'updateForm') {
      // Slack shows a field's error in a line under it; the messages are written to fit
      // FIELD_ERROR_MAX, and one that does not (a long target label) is cut at a word with "…".
      const errors = Object.fromEntries(
        Object.entries(result.view.errors).map(([k, v]) => [k, excerpt(String(v), FIELD_ERROR_MAX)]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: sayingModal(result.view) as never });
    if (result.ok && channel && ts) {
      await client.chat
        .update({ channel, ts, ...renderSlack(result.view) })
        .catch((error: Error) => log.warn({ err: error }, 'Could not mark the Slack request as submitted'));
    }
  });
}
