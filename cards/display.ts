import { ragLabel } from '../services/answers/figures';
import { LIST_LIMIT } from '../services/answers/paging';
import type {
  CycleStatusRow,
  ListItemView,
  ListView,
  PriorityStatusView,
  TargetView,
} from '../services/answers/views';

/** Text both channels show the same way, so the Teams and Slack renderers cannot drift apart. */
export const display = {
  priorityHeading: (v: PriorityStatusView) => [v.code, v.aim].filter(Boolean).join(' · '),
  pi: (t: TargetView) => (t.piCodes.length ? `PI: ${t.piCodes.join(', ')}` : ''),
  latest: (t: TargetView) =>
    t.latest ? `${trendArrow(t.latest.trend)}Latest: ${t.latest.text}` : 'No update reported yet',
  footer: (t: TargetView) =>
    // Said when there is none: "who owns CSY.4?" must be answered either way.
    [`Owner: ${t.owner ?? 'none assigned yet'}`, t.lastUpdated ? `Last updated ${t.lastUpdated}` : '']
      .filter(Boolean)
      .join(' · '),
  /** A RAG as a word and a shape, never by colour alone: "▲ Amber" (services/answers/figures.ts). */
  rag: ragLabel,
  itemHeading: (i: ListItemView) => (i.code ? `${i.code} — ${i.title}` : i.title),
  /** The button that opens a target's update form (a Teams card, a Slack modal). */
  updateButton: 'Update this target',
  /** Under a list cut short: the button and the typed "more" both give the next page. */
  more: (count: number) =>
    `${count} more — press "Show more" or type "more" to see the next ${Math.min(count, LIST_LIMIT)}.`,
  /** Where a page sits in the whole list: "Showing 9–16 of 19". */
  page: (v: ListView) => (v.page ? `Showing ${v.page.first}–${v.page.last} of ${v.page.total}` : ''),
  tally: (r: CycleStatusRow) =>
    `${r.submitted} submitted · ${r.outstanding} outstanding · ${r.overdue} overdue`,
  valueLabel: (unit: string) =>
    unit === 'percent'
      ? 'Actual value (%)'
      : unit === 'money'
        ? 'Actual value (£)'
        : unit === 'level' || unit === 'text'
          ? 'Actual value or level'
          : 'Actual value (a number)',
};

function trendArrow(trend: 'up' | 'down' | 'level' | undefined): string {
  return trend === 'up' ? '↑ ' : trend === 'down' ? '↓ ' : trend === 'level' ? '→ ' : '';
}
