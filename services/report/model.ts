import type { ReportCountsView } from '../answers/views';
import type { Rag } from '../../models/rag';
import { figureText } from '../answers/figures';
import { ragReason } from '../answers/target-view';
import { amount } from '../measure/amount';
import { assess } from '../measure/assess';
import { expectedAt } from '../measure/profile';
import { trendText, type Figure } from '../measure/trend';
import type { TargetEntry } from '../plan/snapshot';

/** Where a target falls in the report's counts: its RAG, reported without one, or not reported. */
export type RagGroup = Rag | 'noRag' | 'notReported';
/** Direction of travel since the figure before, honouring polarity (a falling crime count improves). */
export type Travel = 'improving' | 'worse' | 'same';
export const RAG_GROUPS: readonly RagGroup[] = ['red', 'amber', 'green', 'noRag', 'notReported'];
export const GROUP_WORDS: Record<RagGroup, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  noRag: 'No RAG',
  notReported: 'Not reported',
};

/** A figure as a target keeps it (models/target.ts `latest` / `confirmed`). */
export interface KeptFigure {
  update: string;
  value?: number | null;
  text?: string | null;
  asOf: string;
  rag?: Rag | null;
  commentary?: string | null;
  correctiveAction?: string | null;
  overrideReason?: string | null;
  cycle?: string | null;
  status?: string | null;
  at: Date;
}

/** One target of the report: a row of the appendix and of the workbook. */
export interface ReportRow {
  key: string;
  /** The priority's printed code ("ED.1"), or its key when it prints none. */
  code: string;
  priority: string;
  aim: string;
  text: string;
  piCodes: string[];
  owner: string;
  baseline: string;
  /** What the profile expects on the figure's as-of date (or the cycle's due date when unreported). */
  expected: string;
  /** "47% as of 31 Dec 2026"; '' when not reported. */
  actual: string;
  value?: number;
  asOf?: string;
  rag?: Rag;
  group: RagGroup;
  /** One line on why the RAG is what it is (services/answers/target-view.ts `ragReason`). */
  reason: string;
  travel?: Travel;
  /** "better than the last update (44.8% on 30 Sept 2026)"; '' with nothing to compare. */
  trend: string;
  commentary: string;
  correctiveAction: string;
  /** The figure's place in the sign-off chain: 'confirmed', or 'provisional'/'returned' in a draft. */
  status: string;
  /** The open risks that threaten it, highest score first, one line each (services/risk/report.ts). */
  risks?: string[];
}

/** One aim's (or all aims') targets by RAG: the card's view of them is the same shape. */
export type RagCounts = ReportCountsView;

/** Everything the card, the Word document, the workbook and the charts show, built once. */
export interface ReportModel {
  cycleId: string;
  cycleName: string;
  planId: string;
  planName: string;
  organisation: string;
  /** True: the latest figures, confirmed or not, and every page says DRAFT. */
  draft: boolean;
  period: { from: string; due: string; closedOn?: string };
  meeting?: { name: string; on: string };
  reportDeadline?: string;
  generatedAt: Date;
  /** Every target in the cycle's scope, in plan order (aim, priority, target). */
  rows: ReportRow[];
  aims: RagCounts[];
  totals: RagCounts;
  travel: Record<Travel | 'none', number>;
  /** Red then Amber targets, each in plan order. */
  exceptions: ReportRow[];
  /** How many targets have a figure in the report. */
  reported: number;
}

/** What buildReport reads: the cycle, its plan and its targets with their aims and priorities. */
export interface ReportInput {
  cycle: {
    _id: string;
    name: string;
    periodFrom: string;
    dueOn: string;
    closedOn?: string | null;
    meeting?: { name?: string | null; on?: string | null } | null;
    reportDeadline?: string | null;
  };
  plan: { _id: string; title: string; organisation: string };
  /** The cycle's targets, in plan order, each with its aim's and priority's names. */
  targets: { target: TargetEntry; aim: string; code: string; priority: string }[];
  draft: boolean;
  now: Date;
}

/**
 * The figure a report shows for a target in a cycle: the confirmed one (`confirmed`), or in a draft
 * the latest whatever its status (`latest`), when it belongs to the cycle — it answered the cycle,
 * or came another way (a plan file, an on-demand update) with an as-of date in the cycle's period.
 * A figure from an earlier period is not this cycle's, so the target counts as not reported.
 */
export function figureFor(
  t: { latest?: unknown; confirmed?: unknown },
  cycle: ReportInput['cycle'],
  draft: boolean,
): KeptFigure | undefined {
  const figure = (draft ? t.latest : t.confirmed) as KeptFigure | null | undefined;
  if (!figure || (figure.value == null && !figure.text)) return undefined;
  if (figure.cycle) return figure.cycle === cycle._id ? figure : undefined;
  return figure.asOf >= cycle.periodFrom ? figure : undefined;
}

const numeric = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Improving, worse or the same, by the target's polarity; undefined when it states none and they differ. */
export function travelOf(now: number, then: number, direction?: string | null): Travel | undefined {
  if (now === then) return 'same';
  if (direction !== 'up' && direction !== 'down') return undefined;
  return now > then === (direction === 'up') ? 'improving' : 'worse';
}

function row(
  { target: t, aim, code, priority }: ReportInput['targets'][number],
  input: ReportInput,
): ReportRow {
  const figure = figureFor(t, input.cycle, input.draft);
  const context = { tolerance: t.planTolerance, planEnd: t.planEnd };
  const when = figure?.asOf ?? input.cycle.dueOn;
  const e = expectedAt(t, when, t.planEnd);
  const expected = e.ok
    ? e.expected.range
      ? `${amount(e.expected.range.from, t, true)}–${amount(e.expected.range.to, t, true)}`
      : e.expected.value !== undefined
        ? amount(e.expected.value, t, true)
        : ''
    : (t.final?.text ?? t.interim?.text ?? '');
  const base: ReportRow = {
    key: t.key,
    code,
    priority,
    aim,
    text: t.text,
    piCodes: t.piCodes ?? [],
    owner: t.ownerName ?? t.owner ?? 'No owner',
    baseline: t.baseline?.text ?? '',
    expected,
    actual: '',
    group: 'notReported',
    reason: input.draft ? 'No figure reported in this cycle.' : 'No confirmed figure in this cycle.',
    trend: '',
    commentary: '',
    correctiveAction: '',
    status: '',
  };
  if (!figure) return base;
  const value = numeric(figure.value) ? figure.value : undefined;
  const rag =
    figure.rag ?? (value !== undefined ? assess(t, { value, asOf: figure.asOf }, context).rag : undefined);
  // The older figures the target keeps, for the trend: only those before this one.
  const older: Figure[] = (t.recent ?? []).filter((r) => r.asOf < figure.asOf);
  const previous = older.filter((r) => numeric(r.value)).sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
  const travel =
    value !== undefined && previous && numeric(previous.value)
      ? travelOf(value, previous.value, t.direction)
      : undefined;
  const trend = trendText(t, figure, previous, older)?.replace(/^Trend: /, '') ?? '';
  return {
    ...base,
    actual: figureText(figure, t),
    value,
    asOf: figure.asOf,
    rag: rag ?? undefined,
    group: rag ?? 'noRag',
    reason:
      ragReason({ ...t, latest: { ...figure, rag: rag ?? undefined } as TargetEntry['latest'] }) ??
      (rag ? `${GROUP_WORDS[rag]} as reported.` : 'No RAG was given with this figure.'),
    travel,
    trend,
    commentary: figure.commentary ?? '',
    correctiveAction: figure.correctiveAction ?? '',
    status: figure.status ?? 'confirmed',
  };
}

const empty = (name: string): RagCounts => ({
  name,
  red: 0,
  amber: 0,
  green: 0,
  noRag: 0,
  notReported: 0,
  total: 0,
});

/**
 * The performance report of a monitoring cycle, from the figures each target keeps: counts by RAG
 * per aim (and "no RAG" / "not reported"), direction of travel, the exceptions (every Amber and Red
 * target, Red first) and a row per target. Pure: services/report/load.ts reads what it needs.
 */
export function buildReport(input: ReportInput): ReportModel {
  const rows = input.targets.map((t) => row(t, input));
  const byAim = new Map<string, RagCounts>();
  const totals = empty('All aims');
  const travel = { improving: 0, worse: 0, same: 0, none: 0 };
  for (const r of rows) {
    const aim = byAim.get(r.aim) ?? empty(r.aim);
    byAim.set(r.aim, aim);
    for (const counts of [aim, totals]) {
      counts[r.group]++;
      counts.total++;
    }
    if (r.group !== 'notReported') travel[r.travel ?? 'none']++;
  }
  const meeting =
    input.cycle.meeting?.name && input.cycle.meeting.on
      ? { name: input.cycle.meeting.name, on: input.cycle.meeting.on }
      : undefined;
  return {
    cycleId: input.cycle._id,
    cycleName: input.cycle.name,
    planId: input.plan._id,
    planName: input.plan.title,
    organisation: input.plan.organisation,
    draft: input.draft,
    period: {
      from: input.cycle.periodFrom,
      due: input.cycle.dueOn,
      closedOn: input.cycle.closedOn ?? undefined,
    },
    meeting,
    reportDeadline: input.cycle.reportDeadline ?? undefined,
    generatedAt: input.now,
    rows,
    aims: [...byAim.values()],
    totals,
    travel,
    exceptions: [...rows.filter((r) => r.group === 'red'), ...rows.filter((r) => r.group === 'amber')],
    reported: rows.filter((r) => r.group !== 'notReported').length,
  };
}
