import Bottleneck from 'bottleneck';
import { SharedPace } from './pace';
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
 * Paces sends to what each platform allows: the app-wide rate shared by every instance on the
 * database (SharedPace), and one limiter per conversation, so a broadcast to thousands of 1:1
 * chats runs at the app limit and a burst into one chat at its own. The per-conversation limit is
 * kept by each instance alone: the outbox hands a conversation's messages to whichever instance
 * claims them, and the 4% headroom covers two instances meeting in one chat now and then.
 */
export class RateLimits {
  private readonly app: Record<Platform, SharedPace>;
  private readonly conversations: Record<Platform, Bottleneck.Group>;
  private readonly pausedUntil: Record<Platform, number> = { teams: 0, slack: 0 };

  /** @param instance names this instance in the blocks of send slots it claims */
  constructor(
    private readonly limits: Record<Platform, PlatformLimits> = DEFAULT_LIMITS,
    instance = `${process.pid}`,
  ) {
    // 4% under the limit: requests leave evenly spaced but arrive with a few ms of jitter, and a
    // platform counting in a sliding second answers the one that arrives early with a 429 —
    // which pauses everything for a second.
    this.app = {
      teams: new SharedPace('teams', this.rate('teams'), instance),
      slack: new SharedPace('slack', this.rate('slack'), instance),
    };
    // A broadcast touches thousands of 1:1 chats once each; their limiters are dropped after a
    // few seconds idle instead of Bottleneck's five minutes (≈ 7 KB each).
    const group = (perSecond: number) =>
      new Bottleneck.Group({ minTime: 1000 / (perSecond * HEADROOM), maxConcurrent: null, timeout: 5_000 });
    this.conversations = {
      teams: group(limits.teams.perConversationPerSecond),
      slack: group(limits.slack.perConversationPerSecond),
    };
  }

  /** Sends a second the platform is paced at, for all instances together. */
  rate(platform: Platform): number {
    return this.limits[platform].perSecond * HEADROOM;
  }

  /**
   * Runs `send` in this instance's next slot for the platform, after the conversation's own pace.
   * Rejects with PaceStopped after stop(), and with a throttled SendError when the platform paused
   * while it waited (it was queued before the 429: handed back unsent rather than knocking again).
   */
  schedule<T>(platform: Platform, conversation: string, send: () => Promise<T>): Promise<T> {
    return this.conversations[platform].key(conversation).schedule(async () => {
      // Wait out a pause before taking a slot, so that sends resume at the paced rate when it
      // ends rather than all at once.
      await this.untilResumed(platform);
      await this.app[platform].next();
      const left = this.pausedUntil[platform] - Date.now();
      if (left > 0) throw new SendError(`${platform} asked us to wait`, true, left, true);
      return send();
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
    this.app[platform].skipUntil(this.pausedUntil[platform]);
  }

  /** When the platform's pause ends (0 when it is not paused). */
  resumesAt(platform: Platform): number {
    return this.pausedUntil[platform] > Date.now() ? this.pausedUntil[platform] : 0;
  }

  /** For a shutdown: sends waiting for a slot are rejected (PaceStopped), so their claims can be given back. */
  stop(): void {
    for (const pace of Object.values(this.app)) pace.stop();
  }
}
