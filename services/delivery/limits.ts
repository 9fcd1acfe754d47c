import Bottleneck from 'bottleneck';
import { SendError, type Platform } from './sender';

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

  private readonly pausedUntil: Record<Platform, number> = { teams: 0, slack: 0 };

  schedule<T>(platform: Platform, conversation: string, send: () => Promise<T>): Promise<T> {
    return this.conversations[platform].key(conversation).schedule(async () => {
      // Wait out a pause before joining the app-wide queue, so that sends resume at the paced
      // rate when it ends rather than all at once.
      for (
        let wait = this.pausedUntil[platform] - Date.now();
        wait > 0;
        wait = this.pausedUntil[platform] - Date.now()
      )
        await new Promise((resolve) => setTimeout(resolve, wait));
      return this.app[platform].schedule(() => {
        // Queued before the pause began: hand it back unsent rather than knock again.
        const left = this.pausedUntil[platform] - Date.now();
        if (left > 0) throw new SendError(`${platform} asked us to wait`, true, left, true);
        return send();
      });
    });
  }

  /** A 429 with Retry-After is about the whole app: nothing more goes to that platform until then. */
  pause(platform: Platform, ms: number): void {
    this.pausedUntil[platform] = Math.max(this.pausedUntil[platform], Date.now() + ms);
  }

  /** When the platform's pause ends (0 when it is not paused). */
  resumesAt(platform: Platform): number {
    return this.pausedUntil[platform] > Date.now() ? this.pausedUntil[platform] : 0;
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.app).map((l) => l.stop({ dropWaitingJobs: false })));
  }
}
