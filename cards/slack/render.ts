import type { View } from '../../services/answers/views';
import { display } from '../display';
import { renderBroadcastSlack } from './broadcast';
import { renderSignOffSlack } from './sign-off';
import { chartBlock } from './image';
import { renderReportSlack } from './report';
import { renderRiskSlack } from './risk';
import { formMessage } from './policy-forms';
import { clip, context, fallback, join, slack, mrkdwn, section, type Block } from './text';

export type { Block } from './text';
export interface SlackMessage {
  /** Shown in notifications and by clients that cannot draw blocks. */
  text: string;
  blocks: Block[];
}

// Slack's limits: 50 blocks a message, 3,000 characters a section, 10 fields, 2,000 a field.
const MAX_BLOCKS = 50;
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
  fields: list.slice(0, 10).map((f) => mrkdwn(slack`*${f.label}*\n${f.text}`, 2000)),
});

/** Renders a reply's view as Block Kit, within Slack's block and text limits. */
export function renderSlack(view: View): SlackMessage {
  let text: string;
  let blocks: Block[];
  switch (view.kind) {
    case 'priorityStatus':
      text = `${view.code}: ${view.title}`;
      blocks = [
        context(slack`${display.priorityHeading(view)}`),
        section(slack`*${view.title}*`),
        ...view.targets.flatMap((t) => [
          { type: 'divider' },
          section(slack`${[t.text, display.pi(t)].filter(Boolean).join('\n')}`),
          ...(t.figures.length ? [figures(t.figures)] : []),
          // The RAG as a word and a shape (display.rag), as in Teams: Slack text has no colour.
          section(
            join([
              t.latest?.rag
                ? slack`*${display.rag(t.latest.rag)}* · ${display.latest(t)}`
                : slack`${display.latest(t)}`,
              ...(display.confirmed(t) ? [slack`${display.confirmed(t)}`] : []),
              ...(t.reason ? [slack`${t.reason}`] : []),
              ...(t.latest?.commentary ? [slack`${t.latest.commentary}`] : []),
              ...(t.latest?.correctiveAction
                ? [slack`${display.correctiveAction(t.latest.correctiveAction)}`]
                : []),
            ]),
          ),
          ...(display.outlook(t).length
            ? [context(join(display.outlook(t).map((line) => slack`${line}`)))]
            : []),
          ...(display.footer(t) ? [context(slack`${display.footer(t)}`)] : []),
        ]),
      ];
      break;
    case 'list':
      text = view.plan ? `${view.title} — ${view.plan}` : view.title;
      blocks = [
        section(join([slack`*${view.title}*`, ...(view.intro ? [slack`${view.intro}`] : [])])),
        ...(view.plan ? [context(slack`${view.plan}`)] : []),
        ...(view.page ? [context(slack`${display.page(view)}`)] : []),
        ...view.items.flatMap((i, n) => [
          // The plan's name over the first line of each plan, in a list that spans several.
          ...(display.groupHeading(view.items, n)
            ? [
                {
                  type: 'header',
                  text: { type: 'plain_text', text: clip(display.groupHeading(view.items, n), 150) },
                },
              ]
            : []),
          section(
            join([
              slack`${i.rag ? `${display.rag(i.rag)} · ` : ''}*${display.itemHeading(i)}*`,
              ...(i.detail ? [slack`${i.detail}`] : []),
              ...(i.reason ? [slack`${i.reason}`] : []),
            ]),
          ),
          ...(i.open ? buttons([{ label: i.open.label, ask: i.open.ask }]) : []),
          ...(i.update ? [openUpdateButton(i.update, `${OPEN_UPDATE}_${n}`, false)] : []),
        ]),
        ...(view.more
          ? [
              context(slack`${display.more(view.more.count)}`),
              ...buttons([{ label: 'Show more', ask: view.more.ask }]),
            ]
          : []),
        // The same question in the other plans that answer it ("themes in York").
        ...buttons(view.also ?? []),
      ];
      break;
    case 'help':
      text = 'Ask me about the corporate plan';
      blocks = [
        section(join([slack`*${text}*\nFor example:`, ...view.examples.map((e) => slack`• ${e}`)])),
        ...buttons(view.examples.slice(0, 3).map((e) => ({ label: e, ask: e }))),
      ];
      break;
    case 'notice':
      text = view.text;
      blocks = [
        section(slack`${view.text}`),
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
        section(slack`*${view.header}*`),
        ...(view.problem ? [section(slack`:warning: ${view.problem}`)] : []),
        context(slack`${view.target.code}`),
        section(slack`${view.target.text}`),
        ...(view.target.figures.length ? [figures(view.target.figures)] : []),
        ...(view.target.latest ? [context(slack`Last reported: ${view.target.latest}`)] : []),
        openUpdateButton({ cycle: view.cycle.id, target: view.target.id }, OPEN_UPDATE, true),
      ];
      break;
    case 'submitted':
      text = `${view.cycleName}: update submitted for ${view.code}`;
      blocks = [
        section(slack`:white_check_mark: *${view.cycleName}: update submitted*`),
        context(slack`${view.code}`),
        section(
          join([
            slack`${view.targetText}`,
            slack`*${view.summary}*`,
            ...(view.reason ? [slack`${view.reason}`] : []),
          ]),
        ),
        context(slack`Submitted by ${view.by} at ${view.at}${view.note ? ` · ${view.note}` : ''}`),
      ];
      break;
    case 'history':
      text = `${display.historyHeading(view)}: ${view.title}`;
      blocks = [
        context(slack`${display.historyHeading(view)}`),
        section(slack`*${view.title}*`),
        ...view.targets.flatMap((t) => [
          { type: 'divider' },
          section(slack`*${t.text}*`),
          ...(t.chartUrl ? [chartBlock(t.chartUrl, display.historyChartAlt(t))] : []),
          ...(t.none ? [context(slack`${t.none}`)] : []),
          ...t.updates.map((u) =>
            section(
              join([
                slack`*${display.historyHeadline(u)}*`,
                ...(u.reason ? [slack`${u.reason}`] : []),
                ...(u.commentary ? [slack`${u.commentary}`] : []),
                ...(u.correctiveAction ? [slack`${display.correctiveAction(u.correctiveAction)}`] : []),
                slack`_${u.by}_`,
              ]),
            ),
          ),
          ...(t.more ? [context(slack`${display.historyMore(t.more)}`)] : []),
        ]),
      ];
      break;
    case 'signOff':
      ({ text, blocks } = renderSignOffSlack(view));
      break;
    case 'performanceReport':
      ({ text, blocks } = renderReportSlack(view));
      break;
    case 'cycleStatus':
      text = `${view.name}: ${display.tally(view.totals)}`;
      blocks = [
        section(slack`*${view.name} — due ${view.due}*\n${display.tally(view.totals)}`),
        ...(view.meeting ? [context(slack`${view.meeting}`)] : []),
        section(join([slack`*By aim*`, ...view.byAim.map((r) => slack`${r.name}: ${display.tally(r)}`)])),
        section(join([slack`*By owner*`, ...view.byOwner.map((r) => slack`${r.name}: ${display.tally(r)}`)])),
        ...buttons(view.remind ? [{ label: 'Remind outstanding now', ask: view.remind }] : []),
      ];
      break;
    case 'openCycleForm':
    case 'publishWorkshopForm':
    case 'editTargetForm':
      ({ text, blocks } = formMessage(view));
      break;
    case 'riskList':
    case 'risk':
    case 'riskReview':
      ({ text, blocks } = renderRiskSlack(view));
      break;
    default:
      return renderBroadcastSlack(view);
  }
  if (blocks.length > MAX_BLOCKS)
    blocks = [
      ...blocks.slice(0, MAX_BLOCKS - 1),
      context(slack`Too long for one Slack message: ask about a single target for the rest.`),
    ];
  return { text: fallback(text), blocks };
}
