import type { RagCounts } from './model';
import type { ReportModel, Travel } from './model';

const n = (count: number) => count.toLocaleString('en-GB');
const targets = (count: number) => `${n(count)} target${count === 1 ? '' : 's'}`;

/** "Improving", "Worse", "Same", or "—" when there is nothing to compare or no stated polarity. */
export function travelWord(travel: Travel | undefined): string {
  return travel ? `${travel.charAt(0).toUpperCase()}${travel.slice(1)}` : '—';
}

/**
 * "Of 12 targets, 8 have a confirmed figure: 2 Red, 3 Amber, 2 Green and 1 with no RAG. 4 are not
 * reported." In plain English for the card and the document alike.
 */
export function countsSentence(m: ReportModel): string {
  const t = m.totals;
  const parts = [
    `${n(t.red)} Red`,
    `${n(t.amber)} Amber`,
    `${n(t.green)} Green`,
    ...(t.noRag ? [`${n(t.noRag)} with no RAG`] : []),
  ];
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const kind = m.draft ? 'a figure' : 'a confirmed figure';
  return `Of ${targets(t.total)}, ${n(m.reported)} ${m.reported === 1 ? 'has' : 'have'} ${kind}: ${list}.${t.notReported ? ` ${n(t.notReported)} ${t.notReported === 1 ? 'is' : 'are'} not reported.` : ''}`;
}

/** "Direction of travel since the figure before: 3 improving, 2 worse, 1 the same, 2 with nothing to compare." */
export function travelSentence(m: ReportModel): string {
  const { improving, worse, same, none } = m.travel;
  return `Direction of travel since each target's figure before: ${n(improving)} improving, ${n(worse)} worse, ${n(same)} the same${none ? `, ${n(none)} with no earlier figure to compare (or no stated direction)` : ''}.`;
}

/** "Worse: worse than the last update (47% on 30 Sept 2026)", or that there is nothing to compare. */
export function trendLine(r: { travel?: Travel; trend: string }): string {
  if (!r.trend) return 'No earlier figure to compare with.';
  return r.travel ? `${travelWord(r.travel)}: ${r.trend}` : r.trend;
}

/** One aim's counts in a line: "◆ Red 1 · ▲ Amber 2 · ● Green 3 · No RAG 0 · Not reported 1 (of 7)". */
export function countsLine(c: Omit<RagCounts, 'name'>): string {
  return `◆ Red ${n(c.red)} · ▲ Amber ${n(c.amber)} · ● Green ${n(c.green)} · No RAG ${n(c.noRag)} · Not reported ${n(c.notReported)} (of ${n(c.total)})`;
}

/** What a draft card and file say at the top. */
export const DRAFT_BANNER =
  'DRAFT — the latest figures, including provisional ones not yet confirmed through sign-off. Not for publication.';
