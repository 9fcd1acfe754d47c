import { firstDelivery } from '../../services/receipts';
import type { CheckedActivity } from './activity';

/**
 * What makes a Teams delivery unique: the channel, the conversation, the activity's type (and an
 * invoke's name) and its id. The Bot Connector delivers an activity again, with the same id, when
 * the bot took longer than 15 s to answer (MicrosoftDocs/msteams-docs#6084), and has been seen to
 * repeat an invoke several times (microsoft/botbuilder-dotnet#5005). An activity id is unique only
 * within its conversation, so the conversation is part of the key.
 *
 * Undefined for an activity without an id (some local tools send none): it cannot be told apart
 * from a new one, so it is always handled.
 */
export function deliveryKey(
  activity: Pick<CheckedActivity, 'type' | 'id' | 'channelId' | 'conversation' | 'name'>,
): string | undefined {
  if (!activity.id) return undefined;
  // JSON, not joined with ":": Teams conversation ids contain colons ("19:…@thread.tacv2").
  const parts = [
    activity.channelId,
    activity.conversation.id,
    activity.type,
    activity.name ?? '',
    activity.id,
  ];
  return `teams:${JSON.stringify(parts)}`;
}

/** The first delivery's answer, or for a repeat: the first one's answer when this instance has it. */
export type Delivery<T> =
  | { repeat: false; answer: T }
  /** Resolves with undefined when the first delivery was taken in elsewhere, or failed. */
  | { repeat: true; earlier: Promise<T | undefined> };

export interface OnceOptions {
  /** The shared receipt (services/receipts.ts); true the first time a key is seen, on any instance. */
  first?: (key: string, now: Date) => Promise<boolean>;
  now?: () => number;
  /** How long, in ms, this instance keeps an answer to give a repeat; 5 minutes by default. */
  keepMs?: number;
  /** How many answers it keeps at most; the oldest go first. */
  keepAtMost?: number;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Handles each delivery once: `handle` runs for the first delivery of a key only, on any instance
 * (the receipt is in the database). A repeat gets the first delivery's answer when this instance
 * took it in — while it is still being worked out, too, which is when the connector's repeat comes
 * — so an invoke answers a repeat with the same card. Throws when the receipt cannot be taken (the
 * database is unreachable): then nothing ran, and a later repeat is handled as new.
 */
export function onceEach<T>(options: OnceOptions = {}) {
  const first = options.first ?? firstDelivery;
  const now = options.now ?? Date.now;
  const keepMs = options.keepMs ?? 5 * 60 * 1000;
  const keepAtMost = options.keepAtMost ?? 1000;
  // A Map keeps insertion order, and every entry is kept for the same time: the oldest is first.
  const kept = new Map<string, { until: number; answer: Promise<T | undefined> }>();

  const forgetOld = (at: number) => {
    for (const [key, entry] of kept) {
      if (entry.until > at && kept.size < keepAtMost) break;
      kept.delete(key);
    }
  };

  return async (key: string | undefined, handle: () => Promise<T>): Promise<Delivery<T>> => {
    if (key === undefined) return { repeat: false, answer: await handle() };
    const at = now();
    forgetOld(at);
    const seen = kept.get(key);
    if (seen) return { repeat: true, earlier: seen.answer };
    // Registered before the first await, so a repeat arriving meanwhile finds it.
    const answer = deferred<T | undefined>();
    kept.set(key, { until: at + keepMs, answer: answer.promise });
    let isFirst: boolean;
    try {
      isFirst = await first(key, new Date(at));
    } catch (error) {
      kept.delete(key);
      answer.resolve(undefined);
      throw error;
    }
    if (!isFirst) {
      answer.resolve(undefined);
      return { repeat: true, earlier: answer.promise };
    }
    try {
      const result = await handle();
      answer.resolve(result);
      return { repeat: false, answer: result };
    } catch (error) {
      answer.resolve(undefined);
      throw error;
    }
  };
}
