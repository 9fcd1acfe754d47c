import { formMetadata, modalState, readField } from './modal-state';
import { refuseUnreadable } from './unreadable';
import type { App } from '@slack/bolt';
import { renderSlack } from '../../cards/slack/render';
import { OPEN_RISK_REVIEW, RISK_REVIEW_MODAL, riskReviewModal } from '../../cards/slack/risk';
import { sayingModal } from '../../cards/slack/update-modal';
import { excerpt } from '../../services/answers/format';
import type { View } from '../../services/answers/views';
import type { Logger } from '../../services/log/logger';
import type { ReviewResult, ReviewSubmission } from '../../services/risk/review';
import { RISK_REVIEW_FIELDS } from '../../services/risk/views';
import { FIELD_ERROR_MAX } from './update-forms';
import { whoIs } from './slack-app';

type Submit = (submission: ReviewSubmission) => Promise<ReviewResult>;
/** The re-score form for a risk in a cycle, for this person (or why not). */
type OpenReview = (cycleId: string, riskId: string, personId: string | undefined) => Promise<View>;

/**
 * Risk reviews in Slack: the request's "Review risk" button opens the re-score modal; its
 * submission is checked, errors come back beside the fields in the same modal (which keeps what was
 * typed), and on success the request message turns into what was recorded.
 */
export function registerRiskReview(app: App, submit: Submit, open: OpenReview, log: Logger): void {
  app.action(
    { type: 'block_actions', action_id: OPEN_RISK_REVIEW },
    async ({ ack, action, body, client }) => {
      await ack();
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const [cycleId = '', riskId = ''] = value.split('|');
      const { personId } = await whoIs(body.team?.id, body.user.id, body.channel?.id);
      const form = await open(cycleId, riskId, personId);
      const where =
        body.channel?.id && 'message' in body && body.message?.ts
          ? `|${body.channel.id}|${body.message.ts}`
          : '';
      const view =
        form.kind === 'riskReview'
          ? { ...riskReviewModal(form), private_metadata: `${cycleId}|${riskId}${where}` }
          : sayingModal(form);
      await client.views.open({
        trigger_id: 'trigger_id' in body ? String(body.trigger_id) : '',
        view: view as never,
      });
    },
  );

  app.view(RISK_REVIEW_MODAL, async ({ ack, body, view, client }) => {
    const meta = formMetadata.safeParse(view.private_metadata);
    const state = modalState.safeParse(view.state?.values);
    if (!meta.success || !state.success) {
      await refuseUnreadable(ack, log, 'risk review', view.private_metadata);
      return;
    }
    const [cycleId = '', riskId = '', channel, ts] = meta.data.split('|');
    const values = Object.fromEntries(RISK_REVIEW_FIELDS.map((f) => [f, readField(state.data, f)]));
    const { personId } = await whoIs(body.team?.id, body.user.id, undefined);
    const result = await submit({ cycleId, riskId, personId, channel: 'slack', values });
    if (!result.ok && result.view.kind === 'riskReview') {
      const errors = Object.fromEntries(
        Object.entries(result.view.errors).map(([k, v]) => [k, excerpt(String(v), FIELD_ERROR_MAX)]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: sayingModal(result.view) as never });
    if (result.ok && channel && ts)
      await client.chat
        .update({ channel, ts, ...renderSlack(result.view) })
        .catch((error: Error) => log.warn({ err: error }, 'Could not mark the Slack risk review as done'));
  });
}
