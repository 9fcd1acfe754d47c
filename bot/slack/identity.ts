import type { Logger } from '../../services/log/logger';

/** The bot's own Slack identity: its user id (`U…`, what `<@U…>` mentions) and bot id (`B…`). */
export interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

/** What auth.test answers, as far as the bot reads it (Slack docs, "auth.test"). */
export interface AuthTest {
  user_id?: string;
  bot_id?: string;
}

export interface IdentityOptions {
  log: Logger;
  /** The clock, in ms (Date.now). */
  now?: () => number;
  /** How long after a failed auth.test to try again, when Slack gave no Retry-After (60 s). */
  retryAfterMs?: number;
}

/**
 * The bot's identity, learnt from one auth.test per process and kept. Nothing ever waits for it:
 * `current()` says what is known now and, when nothing is, starts finding out in the background — at
 * most one auth.test at a time, and after a failure none until Slack's Retry-After (a 429) or
 * `retryAfterMs` has passed. An event is handled with the token alone meanwhile; the identity only
 * lets Bolt drop the bot's own messages sooner and the text reader know which mention is the bot.
 * One token, one identity: an OAuth install (many workspaces) would keep one of these per team.
 */
export function botIdentity(authTest: () => Promise<AuthTest>, options: IdentityOptions) {
  const now = options.now ?? Date.now;
  let known: BotIdentity | undefined;
  let asking: Promise<void> | undefined;
  let notBefore = 0;

  const ask = () => {
    if (known || asking || now() < notBefore) return;
    asking = authTest()
      .then(
        (result) => {
          known = { botUserId: result.user_id, botId: result.bot_id };
        },
        (error: { retryAfter?: unknown; message?: string }) => {
          const seconds = typeof error.retryAfter === 'number' ? error.retryAfter : undefined;
          const wait = seconds !== undefined ? seconds * 1000 : (options.retryAfterMs ?? 60_000);
          notBefore = now() + wait;
          options.log.warn(
            { err: error, retryInMs: wait },
            "Slack's auth.test failed: events are handled without the bot's own id until it is known",
          );
        },
      )
      .finally(() => {
        asking = undefined;
      });
  };

  return {
    /** What is known now ({} until auth.test has answered); never waits. */
    current(): BotIdentity {
      ask();
      return known ?? {};
    },
    /** Resolves when the auth.test under way, if any, has settled (for tests and shutdown). */
    settled: (): Promise<void> => asking ?? Promise.resolve(),
  };
}

export type BotIdentityCache = ReturnType<typeof botIdentity>;
