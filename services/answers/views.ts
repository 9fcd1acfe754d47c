import type { Rag } from '../../models/rag';

/**
 * What a reply says, independent of the channel: Teams renders it through an Adaptive Card
 * template, Slack through a Block Kit builder. One view per reply.
 */
export type View =
  PriorityStatusView | ListView | HelpView | NoticeView | UpdateFormView | SubmittedView | CycleStatusView;

export interface FigureView {
  label: string; // "Baseline 2001/02"
  text: string; // as printed
}

export interface TargetView {
  id: string;
  text: string;
  piCodes: string[];
  figures: FigureView[];
  latest?: { text: string; rag?: Rag; asOf: string; commentary?: string; trend?: 'up' | 'down' | 'level' };
  owner?: string;
  lastUpdated?: string;
}

export interface PriorityStatusView {
  kind: 'priorityStatus';
  code: string; // "ED.1", or "no code"
  title: string;
  aim?: string;
  plan: string;
  targets: TargetView[];
}

export interface ListItemView {
  code: string;
  title: string;
  detail?: string;
}

export interface ListView {
  kind: 'list';
  title: string;
  intro?: string;
  items: ListItemView[];
  /** Set when the list was cut short: how many more there are, and what to ask to see them. */
  more?: { count: number; ask: string };
}

export interface HelpView {
  kind: 'help';
  examples: string[];
}

export interface NoticeView {
  kind: 'notice';
  text: string;
  suggestions: string[];
}

/** The fields of an update form, as the person typed them. */
export interface UpdateValues {
  value?: string;
  asOf?: string;
  rag?: string;
  commentary?: string;
  evidence?: string;
  overrideReason?: string;
}
export type UpdateField = keyof UpdateValues;
export const UPDATE_FIELDS: readonly UpdateField[] = [
  'value',
  'asOf',
  'rag',
  'commentary',
  'evidence',
  'overrideReason',
];

/** A target's update form, sent in a cycle's request or reminder, or returned with errors. */
export interface UpdateFormView {
  kind: 'updateForm';
  cycle: { id: string; name: string; due: string };
  target: { id: string; code: string; text: string; unit: string; figures: FigureView[]; latest?: string };
  /** Why this arrived: "Q3 2026/27: please report by 15 Jan 2027", or a reminder. */
  header: string;
  values: UpdateValues;
  errors: Partial<Record<UpdateField, string>>;
  /** A problem not tied to one field, shown at the top. */
  problem?: string;
}

/** What an update form becomes once submitted, for everyone in the conversation. */
export interface SubmittedView {
  kind: 'submitted';
  cycleName: string;
  code: string;
  targetText: string;
  summary: string; // "41% (GREEN) as of 31 Dec 2026"
  by: string;
  at: string; // "16 Jan 2027, 10:04"
  note?: string; // "Already recorded — this submit counted once."
}

export interface CycleStatusRow {
  name: string;
  submitted: number;
  outstanding: number;
  overdue: number;
}

/** "cycle status": who has and has not reported, for the policy team. */
export interface CycleStatusView {
  kind: 'cycleStatus';
  cycleId: string;
  name: string;
  due: string;
  totals: CycleStatusRow;
  byAim: CycleStatusRow[];
  byOwner: CycleStatusRow[];
  /** What to ask to remind the outstanding owners now, when any are outstanding. */
  remind?: string;
}
