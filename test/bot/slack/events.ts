import { planCommand, slackHeaders } from '../../support/slack-signing';
import type { Recorded } from '../../support/recording-connector';

let events = 0;

/**
 * Signed Slack requests to the bot at `base`, as Slack sends them: Events API callbacks (JSON) and
 * `/plan` commands (form-encoded). Each resolves with the HTTP answer.
 */
export function slackEvents(base: string, secret: string) {
  const post = async (body: string, contentType: string) => {
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: slackHeaders(secret, body, contentType),
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    /** An Events API callback for `inner` (a message, an app_mention), with an event id of its own. */
    event: (inner: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      post(
        JSON.stringify({
          type: 'event_callback',
          team_id: 'T1',
          api_app_id: 'A1',
          event_id: `Ev${++events}-${Date.now()}`,
          event_time: 1,
          event: inner,
          ...extra,
        }),
        'application/json',
      ),
    /** `/plan <text>` from `user`; the answer is in the acknowledgement. */
    command: (text: string, user = 'UANN') =>
      post(planCommand(text, { user_id: user }), 'application/x-www-form-urlencoded'),
  };
}

/** A direct message event from `user`. */
export const dm = (user: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel_type: 'im',
  channel: `D-${user}`,
  user,
  text,
  ts: `${Date.now() / 1000}`,
  ...extra,
});

/** Web API calls to `method` after the first `before`, waiting (at most 5 s) until `count` have come. */
export async function callsAfter(
  calls: Recorded[],
  before: number,
  method: string,
  count = 1,
): Promise<Recorded[]> {
  const found = () => calls.slice(before).filter((c) => c.path === `/api/${method}`);
  for (let i = 0; i < 250 && found().length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return found();
}

/** A Web API call's arguments as JSON text, its blocks (sent as a JSON string) parsed. */
export function argsOf(call: Recorded | undefined): string {
  const args = call?.body ?? {};
  return JSON.stringify(
    typeof args.blocks === 'string' ? { ...args, blocks: JSON.parse(args.blocks) } : args,
  );
}
