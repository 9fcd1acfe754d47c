import type { App } from '@slack/bolt';
import { AudienceError, type ChannelMember } from '../../services/broadcast/audience';

const PAGE = 1000;
const MAX_MEMBERS = 100_000;

interface WebApiError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  message?: string;
}

// What Slack's error codes mean for the person composing the broadcast.
const EXPLAINED: Record<string, string> = {
  channel_not_found: 'there is no such channel, or the bot cannot see it',
  not_in_channel: 'the bot is not in that channel: invite @Golden Thread to it first',
  missing_scope: 'the Slack app lacks the scope to list members (channels:read, groups:read); ask an admin',
  ratelimited: 'Slack is asking us to slow down; try again in a minute',
};

/**
 * The members of a Slack channel (conversations.members, every page), by its id ("C0123…") or,
 * for "#name", found by name first. Errors become an AudienceError saying what to do, which the
 * compose form shows beside the audience.
 */
export function slackDirectory(app: App): (channel: string) => Promise<ChannelMember[]> {
  const fail = (channel: string, error: unknown): never => {
    if (error instanceof AudienceError) throw error;
    const e = error as WebApiError;
    // A 429 comes back at once (the client's rejectRateLimitedCalls) with Slack's Retry-After in
    // seconds: the author is told how long to wait rather than the form waiting that long.
    const code = e.code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : e.data?.error;
    const reason =
      code === 'ratelimited' && e.retryAfter
        ? `Slack is asking us to slow down: try again in ${e.retryAfter} second${e.retryAfter === 1 ? '' : 's'}`
        : ((code && EXPLAINED[code]) ?? code ?? e.message ?? 'unknown error');
    throw new AudienceError(`Slack would not list the members of ${channel.slice(0, 80)}: ${reason}.`);
  };

  async function channelId(channel: string): Promise<string> {
    if (/^[CG][A-Z0-9]{6,}$/.test(channel)) return channel;
    const name = channel.replace(/^#/, '').toLowerCase();
    let cursor: string | undefined;
    do {
      const page = await app.client.conversations.list({
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const found = page.channels?.find((c) => c.name?.toLowerCase() === name);
      if (found?.id) return found.id;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    throw new AudienceError(
      `There is no Slack channel called #${name.slice(0, 80)} that the bot can see. Invite @Golden Thread to it, or give its id (C0123…).`,
    );
  }

  return async (channel) => {
    try {
      const id = await channelId(channel.trim());
      const members: ChannelMember[] = [];
      let cursor: string | undefined;
      // Bounded, as the Teams directory is, so one huge channel cannot take the process's memory.
      do {
        const page = await app.client.conversations.members({
          channel: id,
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
        });
        for (const userId of page.members ?? []) members.push({ userId });
        cursor = page.response_metadata?.next_cursor || undefined;
        // Sending to some of a channel would quietly leave people out: refuse instead.
        if (members.length > MAX_MEMBERS)
          throw new AudienceError(
            `${channel} has more than ${MAX_MEMBERS.toLocaleString('en-GB')} members; choose a department, a role or a list instead.`,
          );
      } while (cursor);
      return members;
    } catch (error) {
      return fail(channel, error);
    }
  };
}
