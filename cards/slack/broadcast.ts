import type {
  BroadcastStatusView,
  ComposeConsultationView,
  ConsultationResultsView,
  ConsultationView,
  QuestionView,
  WorkshopView,
} from '../../services/answers/views';
import type { Block, SlackMessage } from './render';
import { clip, inert, plain } from './text';

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
const MAX_SECTION = 3000;

/** A section of mrkdwn the caller has already made safe (user text through `inert`). */
const section = (mrkdwn: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(mrkdwn, MAX_SECTION) },
});
const context = (mrkdwn: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(mrkdwn, 2000) }],
});
const header = (text: string): Block => ({ type: 'header', text: plain(text, 150) });
const button = (text: string, action_id: string, value: string, style?: 'primary' | 'danger'): Block => ({
  type: 'button',
  action_id,
  text: plain(text, 75),
  value: clip(value, 2000),
  ...(style ? { style } : {}),
});
const actions = (elements: Block[]): Block => ({ type: 'actions', elements });

/** A mrkdwn link: the address cannot end the link early, the label cannot become markup. */
export const link = (url: string, label: string): string =>
  `<${inert(url.replace(/[|\s<>]/g, encodeURIComponent))}|${inert(label).replace(/\|/g, '¦')}>`;

/**
 * Cuts text (already inert) into pieces of at most `max` characters, at a paragraph, line or word
 * break where there is one, never inside an escape such as `&amp;` or between a surrogate pair.
 * A long summary becomes several sections rather than one clipped one, so nothing is lost silently
 * and cards/fits.ts sees the message's true size.
 */
export function pieces(text: string, max = MAX_SECTION): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const breakAt = (s: string) => rest.lastIndexOf(s, max);
    let cut = [breakAt('\n\n'), breakAt('\n'), breakAt(' ')].find((i) => i > max / 2) ?? max;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp > 0 && amp > cut - 6 && !rest.slice(amp, cut).includes(';')) cut = amp;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) out.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

const KIND_HINT: Record<QuestionView['kind'], (q: QuestionView) => string> = {
  text: () => 'In your own words',
  single: (q) => `Choose one: ${q.options.map(inert).join(' · ')}`,
  multiple: (q) => `Choose any: ${q.options.map(inert).join(' · ')}`,
  rating: () => 'A rating from 1 (lowest) to 5 (highest)',
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
    [
      `*${n}. ${inert(q.prompt)}*`,
      `_${KIND_HINT[q.kind](q)}_`,
      value ? `Your answer: ${inert(clip(answerText(q, value), 2000))}` : '',
      error ? `:warning: ${inert(error)}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

function consultation(v: ConsultationView): Block[] {
  const loose = Object.entries(v.errors).filter(([k]) => !v.questions.some((q) => q.id === k));
  return [
    header(v.header),
    section(`*${inert(v.title)}*`),
    ...pieces(inert(v.summary)).map(section),
    ...(v.link ? [section(link(v.link, 'Read the full document'))] : []),
    context(`Closes ${inert(v.closes)}`),
    ...(v.note ? [section(inert(v.note))] : []),
    { type: 'divider' },
    ...v.questions.map((q, i) => questionBlock(q, i + 1, v)),
    ...(loose.length ? [section(loose.map(([, e]) => `:warning: ${inert(e)}`).join('\n'))] : []),
    ...(v.readOnly ? [] : [actions([button('Answer', OPEN_CONSULTATION, v.id, 'primary')])]),
  ];
}

// Slack fetches an image itself and refuses the whole message when it cannot: a chart served from
// this machine only (no PUBLIC_URL) is linked instead.
const reachable = (url: string) => !/^https?:\/\/(localhost|127\.|\[::1\])/i.test(url);

function results(v: ConsultationResultsView): Block[] {
  return [
    header('Consultation results'),
    section(`*${inert(v.title)}*\n${inert(v.status)}`),
    ...v.questions.flatMap((q, i) => [
      section(
        [
          `*${i + 1}. ${inert(q.prompt)}*`,
          ...q.tallies.map((t) => `${inert(t.label)}: ${t.count.toLocaleString('en-GB')} (${t.percent}%)`),
          q.chartUrl && !reachable(q.chartUrl) ? link(q.chartUrl, 'Chart') : '',
        ]
          .filter(Boolean)
          .join('\n'),
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
              [
                `${q.answerCount.toLocaleString('en-GB')} ${q.answerCount === 1 ? 'answer' : 'answers'}${q.answers.length < q.answerCount ? `, the first ${q.answers.length}:` : ':'}`,
                ...q.answers.map((a) => `• ${inert(clip(a.replace(/\s+/g, ' '), 500))}`),
              ].join('\n'),
            ),
          ]
        : []),
    ]),
    ...(v.exports.length ? [section(v.exports.map((e) => link(e.url, e.label)).join(' · '))] : []),
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
      '*New consultation*\nWrite it in the form: title, summary, questions, closing date and audience.',
    ),
    ...(v.problem ? [section(`:warning: ${inert(v.problem)}`)] : []),
    ...(errors.length
      ? [section(errors.map(([k, e]) => `• *${FIELD_NAMES[k] ?? inert(k)}*: ${inert(String(e))}`).join('\n'))]
      : []),
    actions([button('Open the consultation form', OPEN_COMPOSE, 'compose', 'primary')]),
  ];
}

function workshop(v: WorkshopView): Block[] {
  const where = [
    v.where ? `:round_pushpin: ${inert(v.where)}` : '',
    v.link ? `:link: ${link(v.link, 'Join online')}` : '',
  ].filter(Boolean);
  return [
    header(v.header),
    section(`*${inert(v.title)}*\n:calendar: ${inert(v.when)}${where.length ? `\n${where.join('\n')}` : ''}`),
    ...pieces(inert(v.description)).map(section),
    context(inert(v.places)),
    ...(v.answer ? [section(`*${inert(v.answer)}*`)] : []),
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
    section(`*${inert(v.title)}*\n${inert(v.audience)}\n${inert(v.status)}`),
    {
      type: 'section',
      fields: (
        [
          ['Sent', v.counts.sent],
          ['Pending', v.counts.pending],
          ['Failed', v.counts.failed],
          ['Cancelled', v.counts.cancelled],
        ] as const
      ).map(([label, count]) => ({ type: 'mrkdwn', text: `*${label}*\n${n(count)}` })),
    },
    ...(v.failures.length
      ? [section(`*Failures*\n${v.failures.map((f) => `• ${inert(clip(f, 280))}`).join('\n')}`)]
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

const fallback = (view: BroadcastView): string => {
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
      context('Too long for one Slack message: the rest is cut.'),
    ];
  return { text: clip(inert(fallback(view)), 3000), blocks };
}
