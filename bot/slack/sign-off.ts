import { refuseUnreadable } from './unreadable';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { renderSlack } from '../../cards/slack/render';
import {
  COMMENT_FIELD,
  SIGN_OFF_APPROVE,
  SIGN_OFF_RETURN,
  SIGN_OFF_RETURN_MODAL,
  signOffReturnModal,
} from '../../cards/slack/sign-off';
import { sayingModal } from '../../cards/slack/update-modal';
import { excerpt } from '../../services/answers/format';
import type { NoticeView, SignOffView } from '../../services/answers/views';
import type { Logger } from '../../services/log/logger';
import type { Decision, DecisionResult } from '../../services/sign-off/decide';
import { FIELD_ERROR_MAX } from './update-forms';
import { whoIs } from './slack-app';

export type Decide = (decision: Decision) => Promise<DecisionResult>;
export type CardFor = (update: string, personId: string | undefined) => Promise<SignOffView | NoticeView>;

// A button's value and the modal's metadata: "<update>|<step>", the modal's with "|<channel>|<ts>".
const target = z.string().regex(/^[^|]+\|\d{1,2}(\|[^|]*\|[^|]*)?$/);
const comment = z.object({
  [COMMENT_FIELD]: z.object({ [COMMENT_FIELD]: z.object({ value: z.string().max(50_000).nullish() }) }),
});

const read = (value: string) => {
  const [update = '', step = '0', channel, ts] = value.split('|');
  return { update, step: Number(step), channel, ts };
};

/**
 * Sign-off in Slack: the card's Approve button decides at once and the message turns into what
 * was decided; Return opens a modal for the comment (a message holds no text input), whose
 * submission returns it — or shows the problem beside the comment. Who acts comes from Slack's own
 * record of the user, never from the button.
 */
export function registerSignOff(app: App, decide: Decide, cardFor: CardFor, log: Logger): void {
  app.action(
    { type: 'block_actions', action_id: SIGN_OFF_APPROVE },
    async ({ ack, action, body, client }) => {
      await ack();
      const value = target.safeParse('value' in action ? action.value : undefined);
      const channel = body.channel?.id;
      const ts = 'message' in body ? body.message?.ts : undefined;
      const { personId } = await whoIs(body.team?.id, body.user.id, channel);
      const result: DecisionResult = value.success
        ? await decide({ ...read(value.data), decision: 'approve', personId, channel: 'slack' })
        : {
            ok: false,
            view: {
              kind: 'notice',
              text: 'That button could not be read, so nothing was changed.',
              suggestions: [],
            },
          };
      const where = channel ?? body.user.id;
      if (result.ok && channel && ts)
        await client.chat.update({ channel, ts, ...renderSlack(result.view) }).catch((error: Error) => {
          log.warn({ err: error }, 'Could not mark the Slack sign-off card as decided');
        });
      else await client.chat.postMessage({ channel: where, ...renderSlack(result.view) });
    },
  );

  app.action({ type: 'block_actions', action_id: SIGN_OFF_RETURN }, async ({ ack, action, body, client }) => {
    await ack();
    const value = target.safeParse('value' in action ? action.value : undefined);
    const { personId } = await whoIs(body.team?.id, body.user.id, body.channel?.id);
    const trigger = 'trigger_id' in body ? String(body.trigger_id) : '';
    const card: SignOffView | NoticeView = value.success
      ? await cardFor(read(value.data).update, personId)
      : { kind: 'notice', text: 'That button could not be read, so nothing was changed.', suggestions: [] };
    const ts = 'message' in body ? (body.message?.ts ?? '') : '';
    const view =
      card.kind === 'signOff' && value.success
        ? signOffReturnModal(card, `${value.data}|${body.channel?.id ?? ''}|${ts}`)
        : sayingModal(card);
    await client.views.open({ trigger_id: trigger, view: view as never });
  });

  app.view(SIGN_OFF_RETURN_MODAL, async ({ ack, body, view, client }) => {
    const meta = target.safeParse(view.private_metadata);
    const state = comment.safeParse(view.state?.values);
    if (!meta.success || !state.success) {
      await refuseUnreadable(ack, log, 'return modal', view.private_metadata);
      return;
    }
    const { update, step, channel, ts } = read(meta.data);
    const { personId } = await whoIs(body.team?.id, body.user.id, undefined);
    const result = await decide({
      update,
      step,
      decision: 'return',
      comment: state.data[COMMENT_FIELD][COMMENT_FIELD].value ?? '',
      personId,
      channel: 'slack',
    });
    if (!result.ok && result.view.kind === 'signOff' && result.view.error) {
      await ack({
        response_action: 'errors',
        errors: { [COMMENT_FIELD]: excerpt(result.view.error, FIELD_ERROR_MAX) },
      });
      return;
    }
    await ack({ response_action: 'update', view: sayingModal(result.view) as never });
    if (result.ok && channel && ts)
      await client.chat.update({ channel, ts, ...renderSlack(result.view) }).catch((error: Error) => {
        log.warn({ err: error }, 'Could not mark the Slack sign-off card as returned');
      });
  });
}
