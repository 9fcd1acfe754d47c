import type { SignOffView } from '../../services/answers/views';
import { display } from '../display';
import { clip, context, join, plain, section, slack, type Block } from './text';

/** The Approve button's action id; its value is "<update>|<step>". */
export const SIGN_OFF_APPROVE = 'sign_off_approve';
/** The Return button's action id: it opens SIGN_OFF_RETURN_MODAL for the comment. */
export const SIGN_OFF_RETURN = 'sign_off_return';
/** The return modal's callback id; its private metadata is "<update>|<step>|<channel>|<ts>". */
export const SIGN_OFF_RETURN_MODAL = 'sign_off_return_comment';
/** The comment input's block and action id. */
export const COMMENT_FIELD = 'comment';

/**
 * An update waiting for sign-off as a Slack message: what was reported, then Approve and Return
 * buttons (Return opens a modal for the comment, since a message holds no text input). Once
 * decided, what was decided, without buttons.
 */
export function renderSignOffSlack(view: SignOffView): { text: string; blocks: Block[] } {
  const value = clip(`${view.update}|${view.step}`, 2000);
  return {
    text: view.header,
    blocks: [
      section(slack`*${view.header}*`),
      context(slack`${view.code}`),
      section(
        join([
          slack`${view.targetText}`,
          slack`*${display.signOffStatus(view)}* · *${view.summary}*`,
          ...(view.reason ? [slack`${view.reason}`] : []),
          ...display.signOffFacts(view).map((f) => slack`*${f.title}:* ${f.value}`),
        ]),
      ),
      context(slack`${view.by}`),
      ...(view.decided
        ? [section(slack`${view.decided}`)]
        : [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: SIGN_OFF_APPROVE,
                  style: 'primary',
                  text: plain('Approve', 75),
                  value,
                },
                { type: 'button', action_id: SIGN_OFF_RETURN, text: plain('Return with comment', 75), value },
              ],
            },
          ]),
    ],
  };
}

/** The modal that takes the comment a returned update goes back with. */
export function signOffReturnModal(view: SignOffView, metadata: string, error?: string): Block {
  return {
    type: 'modal',
    callback_id: SIGN_OFF_RETURN_MODAL,
    private_metadata: clip(metadata, 3000),
    title: plain('Return the update', 24),
    submit: plain('Return it', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(slack`*${view.code}* — ${view.targetText}\n${view.summary}`),
      {
        type: 'input',
        block_id: COMMENT_FIELD,
        label: plain('Why it goes back (sent to the owner with the form)'),
        element: {
          type: 'plain_text_input',
          action_id: COMMENT_FIELD,
          multiline: true,
          max_length: 1000,
          ...(view.comment ? { initial_value: view.comment } : {}),
        },
        ...(error ? { hint: plain(error) } : {}),
      },
    ],
  };
}
