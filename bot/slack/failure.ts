import type { webApi } from '@slack/bolt';
import type { SlackPayload } from './payload';

/**
 * What the HTTP acknowledgement of a failed Slack request says, by request type, so the person is
 * told in place: a modal keeps what was typed and shows `text` beside its first input (Slack's
 * `response_action: errors`); a slash command answers privately; anything else is acknowledged
 * empty and told by `tellLater`. Source: Slack docs, "Handling user interaction — modals" and
 * "Slash commands — responding".
 */
export function failedAck(payload: SlackPayload, text: string): unknown {
  if (payload.kind === 'command') return { response_type: 'ephemeral', text };
  if (payload.kind !== 'view_submission') return '';
  const input = payload.p.view.blocks?.find((b) => b.type === 'input' && b.block_id)?.block_id;
  return input ? { response_action: 'errors', errors: { [input]: text } } : '';
}

/** Posts to a Slack response_url (absolute, given by Slack with the request). */
export async function respond(url: string, message: object): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/**
 * Tells the person `text` after the acknowledgement has gone: privately where Slack gives a way to
 * (response_url, or an ephemeral message), in the conversation (thread) of an event otherwise.
 */
export async function tellLater(
  client: webApi.WebClient,
  { kind, p }: SlackPayload,
  text: string,
): Promise<void> {
  switch (kind) {
    case 'command':
      if (p.response_url) await respond(p.response_url, { response_type: 'ephemeral', text });
      return;
    case 'event_callback':
      if (p.event.channel)
        await client.chat.postMessage({
          channel: p.event.channel,
          text,
          thread_ts: p.event.thread_ts,
          mrkdwn: false,
        });
      return;
    case 'block_actions':
      if (p.response_url)
        await respond(p.response_url, { response_type: 'ephemeral', replace_original: false, text });
      else if (p.channel) await client.chat.postEphemeral({ channel: p.channel.id, user: p.user.id, text });
      return;
    case 'view_submission':
      // The modal has been answered already: a direct message is the one place left to say it.
      await client.chat.postMessage({ channel: p.user.id, text, mrkdwn: false });
      return;
    default:
      return;
  }
}
