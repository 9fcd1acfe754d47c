import type { Rag } from '../../models/rag';

/** What a person asked, whatever the channel and however they typed it. */
export type Intent =
  | { kind: 'help' }
  | { kind: 'aims' }
  | { kind: 'values' }
  | { kind: 'myTargets' }
  | { kind: 'offTrack'; rags: Rag[] }
  | { kind: 'status'; code: string }
  | { kind: 'aim'; aimId: string }
  | { kind: 'pi'; code: string }
  | { kind: 'search'; query: string }
  | { kind: 'tooLong'; length: number };
