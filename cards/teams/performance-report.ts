import type { PerformanceReportView } from '../../services/answers/views';
import { reportDisplay as d } from '../report-display';

// As cards/teams/render.ts: a RAG is a word and a shape on a tinted chip (cards/teams/readable.ts).
const RAG_STYLE = { red: 'attention', amber: 'warning', green: 'good' } as const;

/** The data cards/teams/performance-report.json expands: every field present, '' when empty. */
export function reportCardData(v: PerformanceReportView): Record<string, unknown> {
  return {
    heading: d.heading(v),
    draftText: d.draft(v),
    note: v.note ?? '',
    plan: v.plan,
    meeting: v.meeting ?? '',
    summary: v.summary,
    chartUrl: v.chartUrl ?? '',
    chartAlt: d.chartAlt(v),
    aims: [...v.aims, ...(v.aims.length > 1 ? [v.totals] : [])].map((a) => ({
      name: a.name,
      counts: d.counts(a),
    })),
    travel: v.travel,
    exceptionsHeading: d.exceptionsHeading(v),
    exceptions: v.exceptions.map((e) => ({
      ragText: d.rag(e),
      ragStyle: RAG_STYLE[e.rag],
      heading: d.exceptionHeading(e),
      reason: e.reason,
      trend: e.trend,
      owner: d.owner(e),
      risks: (e.risks ?? []).map((line) => ({ line })),
    })),
    moreText: d.more(v),
    files: v.files,
  };
}
