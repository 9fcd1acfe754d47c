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
