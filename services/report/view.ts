import { meetingLine } from '../cycle/committee';
import type { Rag } from '../../models/rag';
import type { PerformanceReportView } from '../answers/views';
import type { Links } from '../links';
import { reportPath } from './files';
import type { ReportModel } from './model';
import { countsSentence, travelSentence, trendLine } from './words';

/**
 * How many exceptions the card lists: Teams cards must stay under 28 KB and Slack messages under
 * 50 blocks; the Word document and the workbook have every one.
 */
export const CARD_EXCEPTIONS = 10;

/**
 * A report as its chat card shows it: the counts, the direction of travel, the first CARD_EXCEPTIONS
 * exceptions with owner, reason and trend, and signed links (`links`; none without) to the files.
 */
export function reportView(m: ReportModel, links: Links | undefined, note?: string): PerformanceReportView {
  const url = (file: Parameters<typeof reportPath>[2]) => links?.url(reportPath(m.cycleId, m.draft, file));
  const files = [
    { label: m.draft ? 'Word document (draft)' : 'Word document', url: url('report.docx') },
    { label: m.draft ? 'Excel workbook (draft)' : 'Excel workbook', url: url('report.xlsx') },
    { label: 'CSV', url: url('report.csv') },
  ].filter((f): f is { label: string; url: string } => !!f.url);
  return {
    kind: 'performanceReport',
    cycle: m.cycleName,
    plan: m.planName,
    draft: m.draft,
    note,
    meeting: meetingLine(m),
    summary: countsSentence(m),
    travel: travelSentence(m),
    aims: m.aims,
    totals: m.totals,
    exceptions: m.exceptions.slice(0, CARD_EXCEPTIONS).map((r) => ({
      id: r.key,
      text: r.text,
      rag: r.group as Rag,
      owner: r.owner,
      reason: r.reason,
      trend: trendLine(r),
      ...(r.risks?.length ? { risks: r.risks.map((line) => `Risk ${line}`) } : {}),
    })),
    moreExceptions: Math.max(0, m.exceptions.length - CARD_EXCEPTIONS),
    chartUrl: url('rag-by-aim.png'),
    files,
  };
}
