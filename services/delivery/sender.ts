import type { View } from '../answers/views';

export type Platform = 'teams' | 'slack';

/** What a channel needs to send one proactive message; implemented in bot/<channel>/. */
export interface Sender {
  /** Resolves with the platform's id for the sent message; throws a SendError when it was refused. */
  send(address: Record<string, unknown>, message: View): Promise<{ id?: string }>;
  /** The rate-limit key of an address: Teams paces per conversation, Slack per channel. */
  conversationOf(address: Record<string, unknown>): string;
}

/** A refused send. `retryable` for 429/412/5xx; `retryAfterMs` when the platform said how long. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    /** 429: the platform wants the whole app to slow down, not just this message. */
    readonly throttled = false,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

/** Classifies an HTTP status from a platform API into a SendError. */
export function sendErrorFor(status: number, detail: string, retryAfterSeconds?: number): SendError {
  return new SendError(
    `${status}: ${detail}`,
    RETRYABLE.has(status) || status >= 500,
    retryAfterSeconds && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : undefined,
    status === 429,
  );
}
