import type {
  BroadcastStatusView,
  ComposeConsultationView,
  ConsultationResultsView,
  ConsultationView,
  QuestionView,
  WorkshopView,
} from '../../services/answers/views';
import { reachable } from './image';
import type { SlackMessage } from './render';
import {
  clip,
  context,
  fallback,
  inert,
  join,
  lines,
  link,
  slack,
  mrkdwn,
  pieces,
  plain,
  section,
  type Block,
  type Mrkdwn,
} from './text';

export type BroadcastView =
  ConsultationView | ConsultationResultsView | ComposeConsultationView | WorkshopView | BroadcastStatusView;

/** The buttons' action ids: the consultation's, workshop's or broadcast's id is the button's value. */
export const OPEN_CONSULTATION = 'open_consultation';
export const OPEN_COMPOSE = 'open_compose';
export const RSVP = { attend: 'rsvp_attend', decline: 'rsvp_decline', maybe: 'rsvp_maybe' } as const;
export const BROADCAST_ACTION = {
  approve: 'broadcast_approve',
  cancel: 'broadcast_cancel',
  resend: 'broadcast_resend',
} as const;

// Slack's limits: 50 blocks a message, 3,000 characters a section, 150 a header, 75 a button label.
const MAX_BLOCKS = 50;

const header = (text: string): Block => ({ type: 'header', text: plain(text, 150) });
const button = (text: string, action_id: string, value: string, style?: 'primary' | 'danger'): Block => ({
  type: 'button',
  action_id,
  text: plain(text, 75),
  value: clip(value, 2000),
  ...(style ? { style } : {}),
});
const actions = (elements: Block[]): Block => ({ type: 'actions', elements });

const options = (q: QuestionView): Mrkdwn =>
  join(
    q.options.map((o) => inert(o)),
    slack` · `,
  );
const KIND_HINT: Record<QuestionView['kind'], (q: QuestionView) => Mrkdwn> = {
  text: () => slack`In your own words`,
  single: (q) => slack`Choose one: ${options(q)}`,
  multiple: (q) => slack`Choose any: ${options(q)}`,
  rating: () => slack`A rating from 1 (lowest) to 5 (highest)`,
};

/** What someone answered, as they would say it: choices by label, not by their option number. */
export function answerText(q: QuestionView, value: string): string {
  if (q.kind === 'single' || q.kind === 'multiple')
    return value
      .split(',')
      .map((i) => q.options[Number(i.trim())] ?? i)
      .join(', ');
  return q.kind === 'rating' ? `${value} out of 5` : value;
}

/** A question with the person's answer and any error beside it. */
export function questionBlock(q: QuestionView, n: number, v: Pick<ConsultationView, 'values' | 'errors'>) {
  const value = v.values[q.id];
  const error = v.errors[q.id];
  return section(
    lines([
      slack`*${n}. ${q.prompt}*`,
      slack`_${KIND_HINT[q.kind](q)}_`,
      !!value && slack`Your answer: ${clip(answerText(q, value), 2000)}`,
      !!error && slack`:warning: ${error}`,
    ]),
  );
}

function consultation(v: ConsultationView): Block[] {
  const loose = Object.entries(v.errors).filter(([k]) => !v.questions.some((q) => q.id === k));
  return [
    header(v.header),
    section(slack`*${v.title}*`),
    ...pieces(inert(v.summary)).map((p) => section(p)),
    ...(v.link ? [section(link(v.link, 'Read the full document'))] : []),
    context(slack`Closes ${v.closes}`),
    ...(v.note ? [section(inert(v.note))] : []),
    { type: 'divider' },
    ...v.questions.map((q, i) => questionBlock(q, i + 1, v)),
    ...(loose.length ? [section(join(loose.map(([, e]) => slack`:warning: ${e}`)))] : []),
    ...(v.readOnly ? [] : [actions([button('Answer', OPEN_CONSULTATION, v.id, 'primary')])]),
  ];
}

function results(v: ConsultationResultsView): Block[] {
  return [
    header('Consultation results'),
    section(slack`*${v.title}*\n${v.status}`),
    ...v.questions.flatMap((q, i) => [
      section(
        lines([
          slack`*${i + 1}. ${q.prompt}*`,
          ...q.tallies.map((t) => slack`${t.label}: ${t.count.toLocaleString('en-GB')} (${t.percent}%)`),
          !!q.chartUrl && !reachable(q.chartUrl) && link(q.chartUrl, 'Chart'),
        ]),
      ),
      ...(q.chartUrl && reachable(q.chartUrl)
        ? [
            {
              type: 'image',
              image_url: q.chartUrl,
              alt_text: clip(`Chart of the answers to: ${q.prompt}`, 2000),
            },
          ]
        : []),
      ...(q.answerCount
        ? [
            section(
              join([
                slack`${q.answerCount.toLocaleString('en-GB')} ${q.answerCount === 1 ? 'answer' : 'answers'}${q.answers.length < q.answerCount ? `, the first ${q.answers.length}:` : ':'}`,
                ...q.answers.map((a) => slack`• ${clip(a.replace(/\s+/g, ' '), 500)}`),
              ]),
            ),
          ]
        : []),
    ]),
    ...(v.exports.length
      ? [
          section(
            join(
              v.exports.map((e) => link(e.url, e.label)),
              slack` · `,
            ),
          ),
        ]
      : []),
  ];
}

const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  link: 'Link',
  questions: 'Questions',
  closes: 'Closes',
  nudgeDays: 'Reminder',
  audience: 'Audience',
  sendAt: 'Send at',
};

function compose(v: ComposeConsultationView): Block[] {
  const errors = Object.entries(v.errors).filter(([, e]) => e);
  return [
    section(
      slack`*New consultation*\nWrite it in the form: title, summary, questions, closing date and audience.`,
    ),
    ...(v.problem ? [section(slack`:warning: ${v.problem}`)] : []),
    ...(errors.length
      ? [section(join(errors.map(([k, e]) => slack`• *${FIELD_NAMES[k] ?? k}*: ${String(e)}`)))]
      : []),
    actions([button('Open the consultation form', OPEN_COMPOSE, 'compose', 'primary')]),
  ];
}

function workshop(v: WorkshopView): Block[] {
  return [
    header(v.header),
    section(
      lines([
        slack`*${v.title}*\n:calendar: ${v.when}`,
        !!v.where && slack`:round_pushpin: ${v.where}`,
        !!v.link && slack`:link: ${link(v.link, 'Join online')}`,
      ]),
    ),
    ...pieces(inert(v.description)).map((p) => section(p)),
    ...(v.places ? [context(inert(v.places))] : []),
    ...(v.answer ? [section(slack`*${v.answer}*`)] : []),
    ...(v.calendarUrl ? [section(link(v.calendarUrl, 'Add to calendar'))] : []),
    ...(v.readOnly
      ? []
      : [
          actions([
            button('Attend', RSVP.attend, v.id, 'primary'),
            button('Decline', RSVP.decline, v.id),
            button('Maybe', RSVP.maybe, v.id),
          ]),
        ]),
  ];
}

const ACTION_LABEL = { approve: 'Approve', cancel: 'Cancel broadcast', resend: 'Resend failed' } as const;

function status(v: BroadcastStatusView): Block[] {
  const n = (x: number) => x.toLocaleString('en-GB');
  return [
    header('Broadcast'),
    // The counts first: an audience of many addresses comes after them, and only summarised.
    section(slack`*${v.title}*\n${v.status}`),
    {
      type: 'section',
      fields: (
        [
          ['Sent', v.counts.sent],
          ['Pending', v.counts.pending],
          ['Failed', v.counts.failed],
          ['Cancelled', v.counts.cancelled],
        ] as const
      ).map(([label, count]) => mrkdwn(slack`*${label}*\n${n(count)}`, 2000)),
    },
    context(inert(v.audience)),
    ...(v.failures.length
      ? [section(join([slack`*Failures*`, ...v.failures.map((f) => slack`• ${clip(f, 280)}`)]))]
      : []),
    ...(v.note ? [context(inert(v.note))] : []),
    ...(v.actions.length
      ? [
          actions(
            v.actions.map((a) => ({
              ...button(ACTION_LABEL[a], BROADCAST_ACTION[a], v.id, a === 'approve' ? 'primary' : undefined),
              ...(a === 'cancel'
                ? {
                    confirm: {
                      title: plain('Cancel this broadcast?', 100),
                      text: plain(`Messages not yet sent for "${v.title}" will not go.`, 300),
                      confirm: plain('Cancel it', 30),
                      deny: plain('Keep sending', 30),
                    },
                  }
                : {}),
            })),
          ),
        ]
      : []),
  ];
}

const notification = (view: BroadcastView): string => {
  switch (view.kind) {
    case 'consultation':
      return `${view.header}: ${view.title}`;
    case 'consultationResults':
      return `Results: ${view.title}`;
    case 'composeConsultation':
      return 'New consultation';
    case 'workshop':
      return `${view.header}: ${view.title}, ${view.when}`;
    case 'broadcastStatus':
      return `Broadcast "${view.title}": ${view.status}`;
  }
};

/** Consultation, results, compose, workshop and broadcast-status messages as Block Kit. */
export function renderBroadcastSlack(view: BroadcastView): SlackMessage {
  let blocks: Block[];
  switch (view.kind) {
    case 'consultation':
      blocks = consultation(view);
      break;
    case 'consultationResults':
      blocks = results(view);
      break;
    case 'composeConsultation':
      blocks = compose(view);
      break;
    case 'workshop':
      blocks = workshop(view);
      break;
    case 'broadcastStatus':
      blocks = status(view);
      break;
  }
  // A broadcast is checked with cards/fits.ts before it goes; this only keeps other replies sendable.
  if (blocks.length > MAX_BLOCKS)
    blocks = [
      ...blocks.slice(0, MAX_BLOCKS - 1),
      context(slack`Too long for one Slack message: the rest is cut.`),
    ];
  return { text: fallback(notification(view)), blocks };
}
