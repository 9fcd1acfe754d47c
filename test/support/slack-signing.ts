import { createHmac } from 'node:crypto';

/** Signs a Slack request exactly as Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function slackHeaders(
  secret: string,
  body: string,
  contentType: string,
  at = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': signature,
  };
}

let commands = 0;
/** A `/plan` slash command as Slack posts it (form-encoded), each with a trigger of its own. */
export function planCommand(text: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    command: '/plan',
    text,
    user_id: 'UANN',
    team_id: 'T1',
    channel_id: 'D1',
    trigger_id: `command-${++commands}`,
    ...extra,
  }).toString();
}

/**
 * Posts `/plan <text>` from Slack user `user`, signed with `secret`, to the bot at `base`; resolves
 * with the acknowledgement's body (Bolt answers a command in its HTTP response), and rejects unless
 * it was a 200.
 */
export async function askSlack(base: string, secret: string, user: string, text: string): Promise<string> {
  const body = planCommand(text, { user_id: user });
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(secret, body, 'application/x-www-form-urlencoded'),
    body,
  });
  if (res.status !== 200) throw new Error(`/plan ${text} was answered ${res.status}`);
  return res.text();
}
