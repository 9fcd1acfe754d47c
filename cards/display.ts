import { ragLabel } from '../services/answers/figures';
import { LIST_LIMIT } from '../services/answers/paging';
import type {
  CycleStatusRow,
  HistoryView,
  ListItemView,
  ListView,
  PriorityStatusView,
  SignOffView,
  TargetView,
} from '../services/answers/views';

/** Text both channels show the same way, so the Teams and Slack renderers cannot drift apart. */
export const display = {
  /** "ED.1 · Education", and whose plan it is when several are loaded (services/answers/plans.ts). */
  priorityHeading: (v: PriorityStatusView) => [v.code, v.aim, v.planName].filter(Boolean).join(' · '),
  pi: (t: TargetView) => (t.piCodes.length ? `PI: ${t.piCodes.join(', ')}` : ''),
  latest: (t: TargetView) =>
    t.latest
      ? `${trendArrow(t.latest.trend)}Latest${FIGURE_STATUS[t.latest.status ?? 'confirmed']}: ${t.latest.text}`
      : 'No update reported yet',
  /** Beside a provisional latest figure, the newest one the sign-off chain confirmed; '' if none. */
  confirmed: (t: TargetView) => (t.confirmed ? `Latest confirmed: ${t.confirmed}` : ''),
  /** What is being done to bring it back on track, as the card and history show it; '' if none. */
  correctiveAction: (text: string | undefined) => (text ? `Corrective action: ${text}` : ''),
  /** The sign-off card's chip: where the update stands. */
  signOffStatus: (v: SignOffView) =>
    v.outcome === 'returned'
      ? 'Returned'
      : v.outcome === 'confirmed'
        ? 'Confirmed'
        : v.outcome === 'approved'
          ? 'Approved'
          : 'Provisional',
  /** The sign-off card's commentary and corrective action, as title/value pairs. */
  signOffFacts: (v: SignOffView) => [
    ...(v.commentary ? [{ title: 'Commentary', value: v.commentary }] : []),
    ...(v.correctiveAction ? [{ title: 'Corrective action', value: v.correctiveAction }] : []),
  ],
  /** Trend, forecast and the data's notes, one per line: what to read after the RAG and commentary. */
  outlook: (t: TargetView) => [t.trend, t.forecast, t.notes].filter((line): line is string => !!line),
  historyHeading: (v: HistoryView) => `History · ${v.code}`,
  /** "▲ Amber · 44.8% as of 30 Jun 2026": the RAG word first, as on the status card. */
  historyHeadline: (u: HistoryView['targets'][number]['updates'][number]) =>
    [u.rag, u.figure, u.status].filter(Boolean).join(' · '),
  historyChartAlt: (t: HistoryView['targets'][number]) =>
    `Line chart of the figures reported for ${t.id} against what its profile expected`,
  historyMore: (more: number) =>
    more ? `${more} older ${more === 1 ? 'update is' : 'updates are'} in the chart but not listed.` : '',
  footer: (t: TargetView) =>
    // Said when there is none: "who owns CSY.4?" must be answered either way.
    [`Owner: ${t.owner ?? 'none assigned yet'}`, t.lastUpdated ? `Last updated ${t.lastUpdated}` : '']
      .filter(Boolean)
      .join(' · '),
  /** A RAG as a word and a shape, never by colour alone: "▲ Amber" (services/answers/figures.ts). */
  rag: ragLabel,
  itemHeading: (i: ListItemView) => (i.code ? `${i.code} — ${i.title}` : i.title),
  /**
   * The heading over a list line: its plan's name on the first line of each plan, in a list that
   * spans several plans; '' otherwise. Computed per page, so a page that starts mid-plan names it.
   */
  groupHeading: (items: ListItemView[], n: number) =>
    items[n]?.group && items[n]?.group !== items[n - 1]?.group ? (items[n]?.group ?? '') : '',
  /** The button that opens a target's update form (a Teams card, a Slack modal). */
  updateButton: 'Update this target',
  /** Under a list cut short: the button and the typed "more" both give the next page. */
  more: (count: number) =>
    `${count} more — press "Show more" or type "more" to see the next ${Math.min(count, LIST_LIMIT)}.`,
  /** Where a page sits in the whole list: "Showing 9–16 of 19". */
  page: (v: ListView) => (v.page ? `Showing ${v.page.first}–${v.page.last} of ${v.page.total}` : ''),
  tally: (r: CycleStatusRow) =>
    `${r.submitted} submitted · ${r.outstanding} outstanding · ${r.overdue} overdue${r.awaitingSignOff ? ` · ${r.awaitingSignOff} awaiting sign-off` : ''}`,
  valueLabel: (unit: string) =>
    unit === 'percent'
      ? 'Actual value (%)'
      : unit === 'money'
        ? 'Actual value (£)'
        : unit === 'level' || unit === 'text'
          ? 'Actual value or level'
          : 'Actual value (a number)',
};

/** How the latest figure is labelled by where it stands in the sign-off chain. */
const FIGURE_STATUS = {
  confirmed: '',
  provisional: ' (provisional, awaiting sign-off)',
  returned: ' (returned to its owner for correction)',
} as const;

function trendArrow(trend: 'up' | 'down' | 'level' | undefined): string {
  return trend === 'up' ? '↑ ' : trend === 'down' ? '↓ ' : trend === 'level' ? '→ ' : '';
}
