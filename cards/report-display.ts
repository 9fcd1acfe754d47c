import type { PerformanceReportView } from '../services/answers/views';
import { ragLabel } from '../services/answers/figures';
import { countsLine, DRAFT_BANNER } from '../services/report/words';

type Exception = PerformanceReportView['exceptions'][number];

/** The words of a performance report card, the same in Teams and Slack (cards/display.ts's way). */
export const reportDisplay = {
  heading: (v: PerformanceReportView) => `Performance report · ${v.cycle}${v.draft ? ' · DRAFT' : ''}`,
  draft: (v: PerformanceReportView) => (v.draft ? DRAFT_BANNER : ''),
  counts: countsLine,
  chartAlt: (v: PerformanceReportView) =>
    `Bar chart of RAG by aim for ${v.cycle}: ${v.aims.map((a) => `${a.name}: ${countsLine(a)}`).join('; ')}`,
  exceptionsHeading: (v: PerformanceReportView) =>
    v.exceptions.length
      ? `Exceptions: ${(v.exceptions.length + v.moreExceptions).toLocaleString('en-GB')} Amber or Red`
      : 'Exceptions: none — no target is Amber or Red',
  exceptionHeading: (e: Exception) => `${e.id}: ${e.text}`,
  owner: (e: Exception) => `Owner: ${e.owner}`,
  rag: (e: Exception) => ragLabel(e.rag),
  more: (v: PerformanceReportView) =>
    v.moreExceptions
      ? `…and ${v.moreExceptions.toLocaleString('en-GB')} more: the Word document and the workbook list every one.`
      : '',
};
