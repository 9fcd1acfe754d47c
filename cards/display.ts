import type { CycleStatusRow, ListItemView, PriorityStatusView, TargetView } from '../services/answers/views';

/** Text both channels show the same way, so the Teams and Slack renderers cannot drift apart. */
export const display = {
  priorityHeading: (v: PriorityStatusView) => [v.code, v.aim].filter(Boolean).join(' · '),
  pi: (t: TargetView) => (t.piCodes.length ? `PI: ${t.piCodes.join(', ')}` : ''),
  latest: (t: TargetView) =>
    t.latest ? `${trendArrow(t.latest.trend)}Latest: ${t.latest.text}` : 'No update reported yet',
  footer: (t: TargetView) =>
    [t.owner ? `Owner: ${t.owner}` : '', t.lastUpdated ? `Last updated ${t.lastUpdated}` : '']
      .filter(Boolean)
      .join(' · '),
  itemHeading: (i: ListItemView) => (i.code ? `${i.code} — ${i.title}` : i.title),
  /** The button that opens a target's update form (a Teams card, a Slack modal). */
  updateButton: 'Update this target',
  more: (count: number) => `${count} more — ask "more" to see them.`,
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
