import type { Rag } from '../../models/rag';

/**
 * What a reply says, independent of the channel: Teams renders it through an Adaptive Card
 * template, Slack through a Block Kit builder. One view per reply.
 */
export type View = PriorityStatusView | ListView | HelpView | NoticeView;

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
