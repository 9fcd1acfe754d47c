import type { Rag } from '../../models/rag';
import type { RiskListView, RiskReviewFormView, RiskView } from '../risk/views';

export type { RiskListView, RiskReviewFormView, RiskView };

/**
 * What a reply says, independent of the channel: Teams renders it through an Adaptive Card
 * template, Slack through a Block Kit builder. One view per reply.
 */
export type View =
  | PriorityStatusView
  | HistoryView
  | ListView
  | HelpView
  | NoticeView
  | UpdateFormView
  | SubmittedView
  | CycleStatusView
  | SignOffView
  | PerformanceReportView
  | ConsultationView
  | ConsultationResultsView
  | ComposeConsultationView
  | WorkshopView
  | BroadcastStatusView
  | OpenCycleFormView
  | PublishWorkshopFormView
  | EditTargetFormView
  | RiskListView
  | RiskView
  | RiskReviewFormView;

export interface FigureView {
  label: string; // "Baseline 2001/02"
  text: string; // as printed
}

export interface TargetView {
  id: string;
  text: string;
  piCodes: string[];
  figures: FigureView[];
  /** `text` is the figure and its date ("44.2% as of 30 Sept 2026"); the RAG is shown beside it. */
  latest?: {
    text: string;
    rag?: Rag;
    asOf: string;
    commentary?: string;
    trend?: 'up' | 'down' | 'level';
    /** What is being done to bring it back on track (Amber, Red). */
    correctiveAction?: string;
    /** Set while the figure is not confirmed by the plan's sign-off chain (services/sign-off/*). */
    status?: 'provisional' | 'returned';
  };
  /**
   * The newest confirmed figure, when the latest is not it ("47% (● Green) as of 30 Sept 2026"): the
   * card shows "latest confirmed" and "provisional" side by side.
   */
  confirmed?: string;
  /** The owner's name from the plan's people; their email only when the plan has no name for them. */
  owner?: string;
  lastUpdated?: string;
  /** Why the RAG is what it is, or why there is none, in one line (services/measure/assess.ts). */
  reason?: string;
  /** "Trend: better than the last update (…); worse than a year earlier (…)", honouring polarity. */
  trend?: string;
  /** The straight-line year-end forecast, said to be one. */
  forecast?: string;
  /** The plan's data-quality note and source for the figure. */
  notes?: string;
}

export interface PriorityStatusView {
  kind: 'priorityStatus';
  code: string; // "ED.1", or "no code"
  title: string;
  aim?: string;
  plan: string;
  /** The plan's name, when several plans are loaded: the card then says whose priority it is. */
  planName?: string;
  targets: TargetView[];
}

export interface ListItemView {
  code: string;
  title: string;
  detail?: string;
  /** A target asked for in an open cycle that the person may report on: a button opens its form. */
  update?: { cycle: string; target: string };
  /** The RAG of the target the line is about, shown as a word and a shape. */
  rag?: Rag;
  /** Why that RAG, in one line (services/answers/target-view.ts `ragReason`). */
  reason?: string;
  /** A button that asks about the line ("Open ED.1" → "status of ED.1"). */
  open?: { label: string; ask: string };
  /** The id of the plan the line is from: lists are named and grouped by it (services/answers/plans.ts). */
  planId?: string;
  /**
   * In a list that spans several plans, the name of this line's plan: a heading is shown above the
   * first line of each plan ("City of York Council Corporate Strategy 2009–2012").
   */
  group?: string;
}

export interface ListView {
  kind: 'list';
  title: string;
  /** The plan every line is from, by name ("Leicester City Council Interim Corporate Plan 2003–2006"). */
  plan?: string;
  intro?: string;
  items: ListItemView[];
  /** Where these items sit in the whole list (1-based, inclusive), when it is longer than one page. */
  page?: { first: number; last: number; total: number };
  /** Set when the list was cut short: how many more there are, and what asks for the next page. */
  more?: { count: number; ask: string };
  /** The same question in the other plans that also answer it ("themes in York"), as buttons. */
  also?: { label: string; ask: string }[];
}

export interface HelpView {
  kind: 'help';
  examples: string[];
}

export interface NoticeView {
  kind: 'notice';
  text: string;
  suggestions: string[];
  /** Downloads and documents to open (exports, calendar files). */
  links?: { label: string; url: string }[];
}

/** The fields of an update form, as the person typed them. */
export interface UpdateValues {
  value?: string;
  asOf?: string;
  rag?: string;
  commentary?: string;
  evidence?: string;
  overrideReason?: string;
  /** What is being done to bring an Amber or Red target back on track (required for Red). */
  correctiveAction?: string;
}
export type UpdateField = keyof UpdateValues;
export const UPDATE_FIELDS: readonly UpdateField[] = [
  'value',
  'asOf',
  'rag',
  'commentary',
  'evidence',
  'overrideReason',
  'correctiveAction',
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
  /** Why that RAG, in one line (services/answers/target-view.ts `ragReason`). */
  reason?: string;
  note?: string; // "Already recorded — this submit counted once."
}

export interface CycleStatusRow {
  name: string;
  submitted: number;
  outstanding: number;
  overdue: number;
  /** Submitted, but still provisional: waiting in the plan's sign-off chain. */
  awaitingSignOff?: number;
}

/**
 * An update waiting for someone's sign-off (services/sign-off/*): what was reported, with Approve and
 * Return buttons; once decided, what was decided, without them.
 */
export interface SignOffView {
  kind: 'signOff';
  update: string;
  step: number;
  /** "Q3 2026/27: please sign off this update — step 1 of 2, Head of service approves". */
  header: string;
  code: string;
  targetText: string;
  summary: string; // "47% (● Green) as of 31 Dec 2026"
  reason?: string;
  commentary?: string;
  correctiveAction?: string;
  by: string; // "Submitted by Ann Owner at 5 Jan 2027, 10:00"
  /** Once decided: what happened, and no buttons are shown. */
  decided?: string;
  outcome?: 'approved' | 'returned' | 'confirmed';
  /** The return comment as typed, and what was wrong with it, when the card comes back. */
  comment?: string;
  error?: string;
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
  /** "Report to Cabinet, 22 Feb 2027 · report deadline 12 Feb 2027", when the cycle names them. */
  meeting?: string;
  /** What to ask to remind the outstanding owners now, when any are outstanding. */
  remind?: string;
}

export interface QuestionView {
  id: string;
  kind: 'text' | 'single' | 'multiple' | 'rating';
  prompt: string;
  options: string[];
}

/** A consultation as its recipients see it: what it is about, and the form to answer it. */
export interface ConsultationView {
  kind: 'consultation';
  id: string;
  /** "Consultation from the Policy Team", "Reminder: closes …", "Preview — only you can see this". */
  header: string;
  title: string;
  summary: string;
  link?: string;
  closes: string; // "Fri 15 Jan 2027, 17:00"
  questions: QuestionView[];
  /** What this person answered, as typed; multiple choices joined by commas. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** "Your answer was recorded at …; you can change it until …". */
  note?: string;
  /** Closed or a preview: shown without the submit action. */
  readOnly: boolean;
}

export interface TallyView {
  label: string;
  count: number;
  percent: number;
}

/** Results for the author, at closing or on request. */
export interface ConsultationResultsView {
  kind: 'consultationResults';
  id: string;
  title: string;
  status: string; // "Closed 15 Jan 2027, 17:00: 212 responses from 1,204 people (18%)"
  questions: {
    prompt: string;
    tallies: TallyView[];
    chartUrl?: string;
    /** Free-text answers, the first few, and how many there are. */
    answers: string[];
    answerCount: number;
  }[];
  exports: { label: string; url: string }[];
}

export interface ComposeValues {
  title?: string;
  summary?: string;
  link?: string;
  questions?: string;
  closes?: string;
  nudgeDays?: string;
  audience?: string;
  sendAt?: string;
}
export type ComposeField = keyof ComposeValues;

/** The policy team's form for a new consultation, empty or returned with errors beside fields. */
export interface ComposeConsultationView {
  kind: 'composeConsultation';
  values: ComposeValues;
  errors: Partial<Record<ComposeField, string>>;
  problem?: string;
}

/** A workshop invitation, reminder, change or cancellation, with the person's answer. */
export interface WorkshopView {
  kind: 'workshop';
  id: string;
  header: string; // "Workshop invitation", "Reminder: tomorrow", "Changed", "Cancelled"
  title: string;
  description: string;
  when: string; // "Tue 16 Mar 2027, 14:00–16:00"
  where?: string;
  link?: string;
  places: string; // "12 of 20 places left" / "Full: 3 on the waiting list"
  answer?: string; // "You are attending" / "You are 2nd on the waiting list"
  calendarUrl?: string;
  /** Cancelled or past: no Attend / Decline / Maybe. */
  readOnly: boolean;
  /**
   * Cancelled: the cancellation is the headline, and the card offers nothing to do (no answer,
   * places, link or buttons): a cancelled workshop must never read "You are attending".
   */
  cancelled?: boolean;
}

/** How a broadcast stands, for the policy team: counts, failures, and what can be done. */
export interface BroadcastStatusView {
  kind: 'broadcastStatus';
  id: string;
  title: string;
  audience: string; // "Housing (department): 212 people"
  status: string; // "Sending", "Awaiting approval by a second policy team member", …
  counts: { sent: number; pending: number; failed: number; cancelled: number };
  failures: string[]; // "jo@council.gov.uk (teams): 403 …"
  note?: string;
  actions: ('approve' | 'cancel' | 'resend')[];
}

/** "history of ED.1": each target's updates, newest first, with a chart of actuals against the profile. */
export interface HistoryView {
  kind: 'history';
  code: string;
  title: string;
  targets: {
    id: string;
    text: string;
    /** A signed link to the PNG of actuals against the profile; absent with no update. */
    chartUrl?: string;
    updates: {
      figure: string; // "44.8% as of 30 Jun 2026"
      rag?: string; // "▲ Amber"
      /** The figures' own reckoning of that update (services/measure/assess.ts). */
      reason?: string;
      by: string; // "Alex Wilber · 3 Jul 2026, 10:07 · Teams"
      commentary?: string;
      correctiveAction?: string;
      /** "Provisional — awaiting sign-off" or "Returned to its owner", when not confirmed. */
      status?: string;
    }[];
    /** How many older updates are not shown (the chart draws them all). */
    more: number;
    none?: string;
  }[];
}

/** One aim's (or all aims') targets by RAG, in a performance report (services/report/model.ts). */
export interface ReportCountsView {
  name: string;
  red: number;
  amber: number;
  green: number;
  /** Reported without a RAG (reported in words, or the target is not yet set). */
  noRag: number;
  notReported: number;
  total: number;
}

/**
 * "performance report Q3 2026/27" (or its draft), and the card the policy team gets when a cycle
 * closes: counts by RAG per aim, direction of travel, the exceptions (Amber and Red), and signed
 * links to the Word document, the workbook and the charts (services/report/view.ts).
 */
export interface PerformanceReportView {
  kind: 'performanceReport';
  cycle: string; // "Q3 2026/27"
  plan: string; // the plan's name
  /** Latest figures, not only confirmed ones: the card and every file say DRAFT. */
  draft: boolean;
  /** Why this came: "Q3 2026/27 closed on 16 Jan 2027 with 4 of 5 targets updated." */
  note?: string;
  /** "Report to Cabinet, 24 Mar 2027 · report deadline 10 Mar 2027", when the cycle names them. */
  meeting?: string;
  /** "Of 12 targets, 8 have a confirmed figure: 2 Red, 3 Amber and 3 Green. 4 are not reported." */
  summary: string;
  /** "Direction of travel …: 3 improving, 2 worse, 1 the same …". */
  travel: string;
  aims: ReportCountsView[];
  totals: ReportCountsView;
  /** Red then Amber, at most a card's worth; `moreExceptions` says how many more the document has. */
  exceptions: {
    id: string; // "ED.1/1"
    text: string;
    rag: Rag;
    owner: string;
    reason: string;
    /** "Worse: worse than the last update (…)", or that there is nothing to compare with. */
    trend: string;
    /** The open risks that threaten it: "Risk R12: … — B/II · 15 (High)" (services/risk/report.ts). */
    risks?: string[];
  }[];
  moreExceptions: number;
  /** A signed link to the RAG-by-aim chart (PNG). */
  chartUrl?: string;
  /** Signed links: the Word document, the workbook, the CSV. */
  files: { label: string; url: string }[];
}

/**
 * One input of a policy-team form (services/forms/*), as both channels draw it: a Teams card input
 * or a Slack modal input block, named `id`; `choices` for a choice, with '' for "none".
 */
export interface FormFieldView {
  id: string;
  label: string;
  type: 'text' | 'multiline' | 'date' | 'time' | 'choice';
  placeholder?: string;
  hint?: string;
  optional?: boolean;
  /** The longest text accepted (Slack's plain_text_input takes at most 3,000). */
  max?: number;
  choices?: { title: string; value: string }[];
}

/** What a policy-team form holds: each field as typed (kept on error) and the errors beside them. */
export interface PolicyFormBase {
  fields: FormFieldView[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A problem not tied to one field, shown at the top. */
  problem?: string;
}

/** The policy team's form to open a monitoring cycle of one plan (services/forms/open-cycle.ts). */
export interface OpenCycleFormView extends PolicyFormBase {
  kind: 'openCycleForm';
  plan: { id: string; name: string };
}

/** The policy team's form to publish a workshop to an audience (services/forms/publish-workshop.ts). */
export interface PublishWorkshopFormView extends PolicyFormBase {
  kind: 'publishWorkshopForm';
}

/** The policy team's form to edit one target of a plan (services/forms/edit-target.ts). */
export interface EditTargetFormView extends PolicyFormBase {
  kind: 'editTargetForm';
  target: { id: string; code: string; plan: string };
  /** The target's editable fields as they stood when the form was made: a later edit is noticed. */
  version: string;
}
