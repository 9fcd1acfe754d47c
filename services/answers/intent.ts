import type { Rag } from '../../models/rag';

/** What the policy team can do to consultations, workshops and their broadcasts from chat. */
export type BroadcastAction =
  'compose' | 'status' | 'cancel' | 'resend' | 'approve' | 'results' | 'attendees' | 'cancelWorkshop';

/** What a person asked, whatever the channel and however they typed it. */
export type Intent =
  | { kind: 'help' }
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
  | { kind: 'assign'; code: string; role: 'owner' | 'deputy'; email: string };

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
      | 'myTargets'
      | 'update';
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
  'myTargets',
  'update',
]);
export const isCommand = (intent: Intent): intent is CommandIntent => COMMANDS.has(intent.kind);
