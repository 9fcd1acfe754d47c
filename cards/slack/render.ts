import type { View } from '../../services/answers/views';
import { display } from '../display';
import { renderBroadcastSlack } from './broadcast';
import { clip, inert } from './text';

/** A Block Kit block, as plain data (cards/ knows no SDK). */
export type Block = Record<string, unknown>;
export interface SlackMessage {
  /** Shown in notifications and by clients that cannot draw blocks. */
  text: string;
  blocks: Block[];
}

// Slack's limits: 50 blocks a message, 3,000 characters a section, 10 fields, 2,000 a field.
const MAX_BLOCKS = 50;
const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(inert(text), 3000) },
});
const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(inert(text), 2000) }],
});
const buttons = (asks: { label: string; ask: string }[]): Block[] =>
  asks.length
    ? [
        {
          type: 'actions',
          elements: asks.map((a, i) => ({
            type: 'button',
            action_id: `ask_${i}`,
            text: { type: 'plain_text', text: clip(a.label, 75) },
            value: clip(a.ask, 2000),
          })),
        },
      ]
    : [];
/** The button on an update request that opens the update modal. */
export const OPEN_UPDATE = 'open_update';

/** The button that opens a target's update modal; action ids must differ within one message. */
const openUpdateButton = (
  update: { cycle: string; target: string },
  actionId: string,
  primary: boolean,
): Block => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      action_id: actionId,
      ...(primary ? { style: 'primary' } : {}),
      text: { type: 'plain_text', text: display.updateButton },
      value: `${update.cycle}|${update.target}`,
    },
  ],
});

const figures = (list: { label: string; text: string }[]): Block => ({
  type: 'section',
  fields: list
    .slice(0, 10)
    .map((f) => ({ type: 'mrkdwn', text: clip(`*${inert(f.label)}*\n${inert(f.text)}`, 2000) })),
});

const RAG_EMOJI = {
  red: ':red_circle:',
  amber: ':large_orange_circle:',
  green: ':large_green_circle:',
} as const;

/** Renders a reply's view as Block Kit, within Slack's block and text limits. */
export function renderSlack(view: View): SlackMessage {
  let text: string;
  let blocks: Block[];
  switch (view.kind) {
    case 'priorityStatus':
      text = `${view.code}: ${view.title}`;
      blocks = [
        context(display.priorityHeading(view)),
        section(`*${view.title}*`),
        ...view.targets.flatMap((t) => [
          { type: 'divider' },
          section([t.text, display.pi(t)].filter(Boolean).join('\n')),
          ...(t.figures.length ? [figures(t.figures)] : []),
          section(
            `${t.latest?.rag ? `${RAG_EMOJI[t.latest.rag]} ` : ''}${display.latest(t)}${t.latest?.commentary ? `\n${t.latest.commentary}` : ''}`,
          ),
          ...(display.footer(t) ? [context(display.footer(t))] : []),
        ]),
      ];
      break;
    case 'list':
      text = view.title;
      blocks = [
        section(`*${view.title}*${view.intro ? `\n${view.intro}` : ''}`),
        ...view.items.flatMap((i, n) => [
          section(`*${display.itemHeading(i)}*${i.detail ? `\n${i.detail}` : ''}`),
          ...(i.update ? [openUpdateButton(i.update, `${OPEN_UPDATE}_${n}`, false)] : []),
        ]),
        ...(view.more
          ? [context(display.more(view.more.count)), ...buttons([{ label: 'Show more', ask: view.more.ask }])]
          : []),
      ];
      break;
    case 'help':
      text = 'Ask me about the corporate plan';
      blocks = [
        section(`*${text}*\nFor example:\n${view.examples.map((e) => `• ${e}`).join('\n')}`),
        ...buttons(view.examples.slice(0, 3).map((e) => ({ label: e, ask: e }))),
      ];
      break;
    case 'notice':
      text = view.text;
      blocks = [
        section(view.text),
        ...buttons(view.suggestions.slice(0, 3).map((s) => ({ label: s, ask: s }))),
        ...(view.links?.length
          ? [
              {
                type: 'actions',
                elements: view.links.slice(0, 5).map((l, i) => ({
                  type: 'button',
                  action_id: `open_link_${i}`,
                  text: { type: 'plain_text', text: clip(l.label, 75) },
                  url: l.url,
                })),
              },
            ]
          : []),
      ];
      break;
    case 'updateForm':
      text = view.header;
      blocks = [
        section(`*${view.header}*`),
        ...(view.problem ? [section(`:warning: ${view.problem}`)] : []),
        context(view.target.code),
        section(view.target.text),
        ...(view.target.figures.length ? [figures(view.target.figures)] : []),
        ...(view.target.latest ? [context(`Last reported: ${view.target.latest}`)] : []),
        openUpdateButton({ cycle: view.cycle.id, target: view.target.id }, OPEN_UPDATE, true),
      ];
      break;
    case 'submitted':
      text = `${view.cycleName}: update submitted for ${view.code}`;
      blocks = [
        section(`:white_check_mark: *${view.cycleName}: update submitted*`),
        context(view.code),
        section(`${view.targetText}\n*${view.summary}*`),
        context(`Submitted by ${view.by} at ${view.at}${view.note ? ` · ${view.note}` : ''}`),
      ];
      break;
    case 'cycleStatus':
      text = `${view.name}: ${display.tally(view.totals)}`;
      blocks = [
        section(`*${view.name} — due ${view.due}*\n${display.tally(view.totals)}`),
        section(`*By aim*\n${view.byAim.map((r) => `${r.name}: ${display.tally(r)}`).join('\n')}`),
        section(`*By owner*\n${view.byOwner.map((r) => `${r.name}: ${display.tally(r)}`).join('\n')}`),
        ...buttons(view.remind ? [{ label: 'Remind outstanding now', ask: view.remind }] : []),
      ];
      break;
    default:
      return renderBroadcastSlack(view);
  }
  if (blocks.length > MAX_BLOCKS)
    blocks = [
      ...blocks.slice(0, MAX_BLOCKS - 1),
      context('Too long for one Slack message: ask about a single target for the rest.'),
    ];
  return { text: clip(text, 3000), blocks };
}
