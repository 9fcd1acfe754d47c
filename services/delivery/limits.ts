import Bottleneck from 'bottleneck';
import { SendError, type Platform } from './sender';

export interface PlatformLimits {
  /** Sends per second for the whole app (Teams: per app per tenant; Slack: the workspace). */
  perSecond: number;
  /** Sends per second into one conversation or channel. */
  perConversationPerSecond: number;
}

const HEADROOM = 0.96;

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

  constructor(private readonly limits: Record<Platform, PlatformLimits> = DEFAULT_LIMITS) {
    // 4% under the limit: requests leave evenly spaced but arrive with a few ms of jitter, and a
    // platform counting in a sliding second answers the one that arrives early with a 429 —
    // which pauses everything for a second.
    const limiter = (perSecond: number) => ({ minTime: 1000 / (perSecond * HEADROOM), maxConcurrent: null });
    this.app = {
      teams: new Bottleneck(limiter(limits.teams.perSecond)),
      slack: new Bottleneck(limiter(limits.slack.perSecond)),
    };
    // A broadcast touches thousands of 1:1 chats once each; their limiters are dropped after a
    // few seconds idle instead of Bottleneck's five minutes (≈ 7 KB each).
    const group = (perSecond: number) => new Bottleneck.Group({ ...limiter(perSecond), timeout: 5_000 });
    this.conversations = {
      teams: group(limits.teams.perConversationPerSecond),
      slack: group(limits.slack.perConversationPerSecond),
    };
  }

  private readonly pausedUntil: Record<Platform, number> = { teams: 0, slack: 0 };

  /** Sends a second the platform is paced at. */
  rate(platform: Platform): number {
    return this.limits[platform].perSecond * HEADROOM;
  }

  schedule<T>(platform: Platform, conversation: string, send: () => Promise<T>): Promise<T> {
    return this.conversations[platform].key(conversation).schedule(async () => {
      // Wait out a pause before joining the app-wide queue, so that sends resume at the paced
      // rate when it ends rather than all at once.
      await this.untilResumed(platform);
      return this.app[platform].schedule(() => {
        // Queued before the pause began: hand it back unsent rather than knock again.
        const left = this.pausedUntil[platform] - Date.now();
        if (left > 0) throw new SendError(`${platform} asked us to wait`, true, left, true);
        return send();
      });
    });
  }

  async untilResumed(platform: Platform): Promise<void> {
    for (
      let wait = this.pausedUntil[platform] - Date.now();
      wait > 0;
      wait = this.pausedUntil[platform] - Date.now()
    )
      await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** A 429 with Retry-After is about the whole app: nothing more goes to that platform until then. */
  pause(platform: Platform, ms: number): void {
    this.pausedUntil[platform] = Math.max(this.pausedUntil[platform], Date.now() + ms);
  }

  /** When the platform's pause ends (0 when it is not paused). */
  resumesAt(platform: Platform): number {
    return this.pausedUntil[platform] > Date.now() ? this.pausedUntil[platform] : 0;
  }

  /**
   * For a shutdown: sends waiting their turn are rejected (Bottleneck's "This limiter has been
   * stopped."), so their claims can be given back; resolves once the sends running now end.
   */
  async stop(): Promise<void> {
    await Promise.all(Object.values(this.app).map((l) => l.stop({ dropWaitingJobs: true })));
  }
}
