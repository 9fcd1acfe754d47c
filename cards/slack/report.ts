import type { PerformanceReportView } from '../../services/answers/views';
import { reportDisplay as d } from '../report-display';
import { chartBlock } from './image';
import { context, join, link, section, slack, type Block } from './text';

/**
 * A performance report card as Block Kit: the same facts as the Teams card (cards/teams/
 * performance-report.json) — counts by RAG per aim, direction of travel, the exceptions with owner,
 * reason and trend, and the files as links (a link button would send Slack an interaction the app
 * has nothing to do with). At most 10 exceptions (services/report/view.ts), so within 50 blocks.
 */
export function renderReportSlack(v: PerformanceReportView): { text: string; blocks: Block[] } {
  const aims = [...v.aims, ...(v.aims.length > 1 ? [v.totals] : [])];
  return {
    text: `${d.heading(v)}: ${v.summary}`,
    blocks: [
      context(slack`${d.heading(v)}`),
      ...(v.draft ? [section(slack`:warning: *${d.draft(v)}*`)] : []),
      ...(v.note ? [section(slack`${v.note}`)] : []),
      section(join([slack`*${v.plan}*`, ...(v.meeting ? [slack`_${v.meeting}_`] : []), slack`${v.summary}`])),
      ...(v.chartUrl ? [chartBlock(v.chartUrl, d.chartAlt(v))] : []),
      section(join([slack`*RAG by aim*`, ...aims.map((a) => slack`*${a.name}*: ${d.counts(a)}`)])),
      context(slack`${v.travel}`),
      { type: 'divider' },
      section(slack`*${d.exceptionsHeading(v)}*`),
      ...v.exceptions.map((e) =>
        section(
          join([
            slack`*${d.rag(e)}* · *${d.exceptionHeading(e)}*`,
            slack`${e.reason}`,
            slack`${e.trend}`,
            slack`_${d.owner(e)}_`,
            // The risks that threaten it (services/risk/report.ts).
            ...(e.risks ?? []).map((line) => slack`${line}`),
          ]),
        ),
      ),
      ...(v.moreExceptions ? [context(slack`${d.more(v)}`)] : []),
      ...(v.files.length ? [section(join(v.files.map((f) => link(f.url, f.label))))] : []),
    ],
  };
}
