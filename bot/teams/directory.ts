import { TeamsInfo, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ChannelMember } from '../../services/broadcast/audience';

/**
 * The members of a Teams channel or group chat the bot is in, by its conversation id (paged
 * through the Bot Connector: the same call a channel turn would make).
 */
export function teamsDirectory(
  adapter: CloudAdapter,
  options: { appId: string; serviceUrl: string },
): (channel: string) => Promise<ChannelMember[]> {
  return async (channel) => {
    const members: ChannelMember[] = [];
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: options.serviceUrl,
      conversation: { id: channel, isGroup: true, conversationType: 'channel', name: '' },
      bot: { id: options.appId, name: 'Golden Thread' },
    };
    await adapter.continueConversationAsync(options.appId, reference, async (context) => {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 500, token);
        for (const m of page.members)
          members.push({ userId: m.id, name: m.name, email: m.email ?? m.userPrincipalName ?? undefined });
        token = page.continuationToken;
      } while (token && members.length < 100_000);
    });
    return members;
  };
}
