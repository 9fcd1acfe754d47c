import type { RiskListView, RiskReviewFormView, RiskView } from '../../services/risk/views';
import { chartBlock } from './image';
import { clip, context, join, plain, section, slack, type Block } from './text';

/** The button on a risk review request that opens the re-score modal; its value is "<cycle>|<risk>". */
export const OPEN_RISK_REVIEW = 'open_risk_review';
/** The re-score modal's callback id; its private metadata carries "<cycle>|<risk>[|<channel>|<ts>]". */
export const RISK_REVIEW_MODAL = 'review_risk';

const askButton = (label: string, ask: string, actionId: string): Block => ({
  type: 'actions',
  elements: [{ type: 'button', action_id: actionId, text: plain(label, 75), value: clip(ask, 2000) }],
});

/**
 * "top risks", "risks for education", "risk R12" and the re-score request as Block Kit. A band is a
 * word beside the score (Slack text has no colour); the matrix picture comes as an image block
 * where Slack can fetch it (cards/slack/image.ts).
 */
export function renderRiskSlack(view: RiskListView | RiskView | RiskReviewFormView): {
  text: string;
  blocks: Block[];
} {
  switch (view.kind) {
    case 'riskList':
      return {
        text: view.plan ? `${view.title} — ${view.plan}` : view.title,
        blocks: [
          section(join([slack`*${view.title}*`, ...(view.intro ? [slack`${view.intro}`] : [])])),
          ...(view.plan ? [context(slack`${view.plan}`)] : []),
          ...view.matrices.map((m) => chartBlock(m.url, m.alt)),
          ...view.items.flatMap((i, n) => [
            section(
              join([slack`*${i.band}* · *${i.id}: ${i.title}*`, slack`${i.current}`, slack`_${i.detail}_`]),
            ),
            // `ask_<n>` buttons are asked as if typed (bot/slack/slack-app.ts).
            askButton(`Open ${i.id}`, i.ask, `ask_${n}`),
          ]),
          ...(view.more
            ? [context(slack`${view.more} more risk${view.more === 1 ? '' : 's'} not shown.`)]
            : []),
        ],
      };
    case 'risk':
      return {
        text: `Risk ${view.id}: ${view.title}`,
        blocks: [
          context(slack`Risk ${view.id} · ${view.plan}`),
          section(slack`*${view.title}*`),
          section(
            join([
              slack`*${view.band}* · ${view.current}`,
              ...(view.target ? [slack`Target score: ${view.target}`] : []),
              slack`Owner: ${view.owner ?? 'none named'} · ${view.status}`,
              ...(view.reviewOn ? [slack`Review by ${view.reviewOn}`] : []),
            ]),
          ),
          ...(view.cause ? [section(slack`*Cause*\n${view.cause}`)] : []),
          ...(view.effect ? [section(slack`*Effect*\n${view.effect}`)] : []),
          ...(view.controls.length
            ? [section(join([slack`*Controls*`, ...view.controls.map((c) => slack`• ${c}`)]))]
            : []),
          ...(view.actions.length
            ? [section(join([slack`*Actions*`, ...view.actions.map((a) => slack`• ${a}`)]))]
            : []),
          ...(view.links.length
            ? [section(join([slack`*Threatens*`, ...view.links.map((l) => slack`• ${l}`)]))]
            : []),
          ...(view.reviews.length
            ? [
                { type: 'divider' },
                section(
                  join([
                    slack`*Reviews, newest first*`,
                    ...view.reviews.map((r) =>
                      r.comment ? slack`${r.line}\n_${r.comment}_` : slack`${r.line}`,
                    ),
                  ]),
                ),
              ]
            : []),
        ],
      };
    case 'riskReview':
      return {
        text: view.header,
        blocks: [
          section(slack`*${view.header}*`),
          ...(view.problem ? [section(slack`:warning: ${view.problem}`)] : []),
          context(slack`Risk ${view.id}`),
          section(join([slack`${view.title}`, slack`${view.current}`])),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: OPEN_RISK_REVIEW,
                style: 'primary',
                text: plain('Review risk', 75),
                value: `${view.cycle}|${view.risk}`,
              },
            ],
          },
        ],
      };
  }
}

/** Each input sits in a block named after its field, so errors come back beside it. */
const input = (id: string, label: string, element: Block, optional = false, hint?: string): Block => ({
  type: 'input',
  block_id: id,
  optional,
  label: plain(label),
  element: { action_id: id, ...element },
  ...(hint ? { hint: plain(hint) } : {}),
});

/** The re-score form as a Slack modal (Slack has no Adaptive Cards: a form is a modal). */
export function riskReviewModal(view: RiskReviewFormView): Block {
  const options = (choices: { value: string; title: string }[]) =>
    choices.map((c) => ({ text: plain(c.title, 75), value: c.value }));
  const select = (choices: { value: string; title: string }[], chosen: string | undefined) => {
    const all = options(choices);
    const initial = all.find((o) => o.value === chosen);
    return { type: 'static_select', options: all, ...(initial ? { initial_option: initial } : {}) };
  };
  const v = view.values;
  return {
    type: 'modal',
    callback_id: RISK_REVIEW_MODAL,
    private_metadata: `${view.cycle}|${view.risk}`,
    title: plain('Risk review', 24),
    submit: plain('Submit', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(join([slack`*Risk ${view.id}* — ${view.title}`, slack`${view.current}`])),
      input('probability', 'Probability', select(view.probability, v.probability)),
      input('impact', 'Impact', select(view.impact, v.impact)),
      input(
        'comment',
        'Comment (required when the score rises)',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: 2000,
          ...(v.comment ? { initial_value: v.comment } : {}),
        },
        true,
      ),
      input(
        'reviewOn',
        'Next review date',
        { type: 'datepicker', ...(v.reviewOn ? { initial_date: v.reviewOn } : {}) },
        true,
      ),
    ],
  };
}
