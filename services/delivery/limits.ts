import Bottleneck from 'bottleneck';
import type { Platform } from './sender';

export interface PlatformLimits {
  /** Sends per second for the whole app (Teams: per app per tenant; Slack: the workspace). */
  perSecond: number;
  /** Sends per second into one conversation or channel. */
  perConversationPerSecond: number;
}

export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  teams: { perSecond: 50, perConversationPerSecond: 7 },
  slack: { perSecond: 5, perConversationPerSecond: 1 },
};

/**
 * Paces sends to what each platform allows: an app-wide limiter and one per conversation, so a
 * broadcast to thousands of 1:1 chats runs at the app limit and a burst into one chat at its own.
 */
export class RateLimits {
  private readonly app: Record<Platform, Bottleneck>;
  private readonly conversations: Record<Platform, Bottleneck.Group>;

  constructor(limits: Record<Platform, PlatformLimits> = DEFAULT_LIMITS) {
    const limiter = (perSecond: number) => ({ minTime: Math.ceil(1000 / perSecond), maxConcurrent: null });
    this.app = {
      teams: new Bottleneck(limiter(limits.teams.perSecond)),
      slack: new Bottleneck(limiter(limits.slack.perSecond)),
    };
    this.conversations = {
      teams: new Bottleneck.Group(limiter(limits.teams.perConversationPerSecond)),
      slack: new Bottleneck.Group(limiter(limits.slack.perConversationPerSecond)),
    };
  }

  schedule<T>(platform: Platform, conversation: string, send: () => Promise<T>): Promise<T> {
    return this.conversations[platform].key(conversation).schedule(() => this.app[platform].schedule(send));
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.app).map((l) => l.stop({ dropWaitingJobs: false })));
  }
}
