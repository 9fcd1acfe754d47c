import type { View } from '../services/answers/views';
import { renderSlack } from './slack/render';
import { renderTeams } from './teams/render';

// Teams refuses a message over about 28 KB; Slack one over 50 blocks or 40,000 characters of text.
const TEAMS_MAX_BYTES = 28_000;
const SLACK_MAX_BLOCKS = 50;
const SLACK_MAX_CHARS = 40_000;

/**
 * Why a broadcast message would be refused by a platform, or undefined when both take it. Checked
 * before anything is sent, so the author hears it from us, not as thousands of failed deliveries.
 */
export function fits(view: View): string | undefined {
  const teams = Buffer.byteLength(JSON.stringify(renderTeams(view)));
  if (teams > TEAMS_MAX_BYTES)
    return `The message is too long for Teams (${Math.ceil(teams / 1000)} KB; the limit is ${TEAMS_MAX_BYTES / 1000} KB). Shorten the summary or the questions, or link to the document instead.`;
  const slack = renderSlack(view);
  const chars = JSON.stringify(slack.blocks).length;
  if (slack.blocks.length > SLACK_MAX_BLOCKS || chars > SLACK_MAX_CHARS)
    return `The message is too long for Slack (${slack.blocks.length} blocks, ${chars.toLocaleString('en-GB')} characters; the limits are ${SLACK_MAX_BLOCKS} and ${SLACK_MAX_CHARS.toLocaleString('en-GB')}). Shorten the summary or the questions, or link to the document instead.`;
  return undefined;
}
