import type { Rag } from '../../models/rag';

/** What the policy team can do to consultations, workshops and their broadcasts from chat. */
export type BroadcastAction =
  'compose' | 'status' | 'cancel' | 'resend' | 'approve' | 'results' | 'attendees' | 'cancelWorkshop';

/**
 * What a person asked, whatever the channel and however they typed it; `plan` is the id of the plan
 * the question named ("themes in York"), when it named one (services/answers/plans.ts).
 */
export type Intent = Asked & { plan?: string };
type Asked =
  | { kind: 'help' }
  /** "what do I contribute to?": the asker's work as chains up to the corporate aims (services/line-of-sight). */
  | { kind: 'lineOfSight' }
  /** "who contributes to ED.1?": the chain down from an item, with owners and RAGs. */
  | { kind: 'contributors'; code: string }
  /** "my team's targets": targets owned by the people the asker line-manages. */
  | { kind: 'teamTargets' }
  | { kind: 'plans' }
  | { kind: 'aims' }
  | { kind: 'values' }
  | { kind: 'myTargets' }
  | { kind: 'update'; code: string }
  | { kind: 'offTrack'; rags: Rag[] }
  | { kind: 'status'; code: string }
  | { kind: 'aim'; aimId: string }
  | { kind: 'pi'; code: string }
  | { kind: 'search'; query: string }
  | { kind: 'tooLong'; length: number }
  | { kind: 'cycleStatus'; cycle?: string }
  | { kind: 'remindOutstanding'; cycle?: string }
  | { kind: 'closeCycle'; cycle?: string }
  | { kind: 'broadcast'; action: BroadcastAction; name?: string }
  | { kind: 'leave'; text: string }
  | { kind: 'assign'; code: string; role: 'owner' | 'deputy'; email: string }
  /** "changes to ED.1", "audit since 1 Nov": the audit trail, as typed (services/audit/trail.ts). */
  | { kind: 'audit'; about?: string; since?: string }
  /** "history of ED.1": every update of a priority's targets, or of one target ("ED.1/1"). */
  | { kind: 'history'; code: string }
  /** "pending sign-offs": updates waiting for the asker's sign-off (services/sign-off/pending.ts). */
  | { kind: 'signOffs' }
  /** "sign off <update id>": the card to approve or return one update (the list's button). */
  | { kind: 'signOffCard'; update: string }
  /** "performance report Q3 2026/27 [draft]": the cycle's report (services/report/command.ts). */
  | { kind: 'performanceReport'; cycle?: string; draft: boolean }
  /** "top risks", "risks for education": the risk register, highest score first (services/risk/read.ts). */
  | { kind: 'risks'; about?: string }
  /** "risk R12": one risk in full. */
  | { kind: 'risk'; id: string }
  /**
   * "open a cycle", "new workshop", "edit ED.1/1": one of the policy team's forms (services/forms/*),
   * for the target `code` names when editing.
   */
  | { kind: 'policyForm'; form: 'openCycle' | 'publishWorkshop' | 'editTarget'; code?: string };

/**
 * Intents that change something or read beyond the plan snapshot (monitoring cycles, people):
 * handled in services/commands.
 */
export type CommandIntent = Extract<
  Intent,
  {
    kind:
      | 'cycleStatus'
      | 'remindOutstanding'
      | 'closeCycle'
      | 'broadcast'
      | 'leave'
      | 'assign'
      | 'audit'
      | 'history'
      | 'signOffs'
      | 'signOffCard'
      | 'performanceReport'
      | 'myTargets'
      | 'lineOfSight'
      | 'contributors'
      | 'teamTargets'
      | 'update'
      | 'policyForm'
      | 'risks'
      | 'risk';
  }
>;
export type QuestionIntent = Exclude<Intent, CommandIntent>;
const COMMANDS = new Set<Intent['kind']>([
  'cycleStatus',
  'remindOutstanding',
  'closeCycle',
  'broadcast',
  'leave',
  'assign',
  'audit',
  'history',
  'signOffs',
  'signOffCard',
  'performanceReport',
  'myTargets',
  'lineOfSight',
  'contributors',
  'teamTargets',
  'update',
  'policyForm',
  'risks',
  'risk',
]);
export const isCommand = (intent: Intent): intent is CommandIntent => COMMANDS.has(intent.kind);
