import { TeamsInfo, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { AudienceError, type ChannelMember } from '../../services/broadcast/audience';

const MAX_MEMBERS = 100_000;

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
        // Sending to some of a channel would quietly leave people out: refuse instead.
        if (members.length > MAX_MEMBERS)
          throw new AudienceError(
            `That channel has more than ${MAX_MEMBERS.toLocaleString('en-GB')} members; choose a department, a role or a list instead.`,
          );
      } while (token);
    });
    return members;
  };
}
