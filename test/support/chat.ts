import type { BotApp } from '../../bot/app';
import { importFixture, startTestBot } from './bot-app';
import { startRecordingConnector, type Recorded } from './recording-connector';
import { slackHeaders } from './slack-signing';

// One count for every client in the file: the bot handles each delivery (conversation + activity
// id) once, so two clients must not reuse ids.
let seq = 0;

/**
 * Talks to the bot over real HTTP as Teams and Slack do: Bot Framework activities posted to
 * /api/messages (replies go to the recording connector at `connector`), and Slack interaction
 * payloads signed with the signing secret.
 */
export function chatClient(options: { base: string; connector: string; calls: Recorded[]; secret?: string }) {
  const activity = (from: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    type: 'message',
    id: `in-${++seq}`,
    channelId: 'msteams',
    serviceUrl: options.connector,
    from: { id: from, name: from },
    recipient: { id: '28:bot', name: 'Golden Thread' },
    conversation: { id: `a:dm-${from}`, conversationType: 'personal' },
    ...extra,
  });
  const postTeams = async (body: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${options.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    activity,
    postTeams,
    /** A Teams message; resolves with what the bot sent back, as JSON text. */
    async say(from: string, text: string): Promise<string> {
      const before = options.calls.length;
      await postTeams(activity(from, { text }));
      return JSON.stringify(options.calls.slice(before));
    },
    /** A Teams Universal Action (Action.Execute); resolves with the invoke's answer as JSON text. */
    async execute(from: string, verb: string, data: Record<string, unknown>, replyToId = 'card-1') {
      const res = await postTeams(
        activity(from, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId,
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      );
      if (res.status !== 200) throw new Error(`invoke answered ${res.status}`);
      return JSON.stringify(res.body);
    },
    /** A signed Slack interaction payload (button click, view submission). */
    async slack(payload: object): Promise<{ status: number; text: string }> {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const form = 'application/x-www-form-urlencoded';
      const res = await fetch(`${options.base}/slack/events`, {
        method: 'POST',
        headers: slackHeaders(options.secret ?? '', body, form),
        body,
      });
      return { status: res.status, text: await res.text() };
    },
  };
}

/** Runs the jobs that are due and drains the outbox; returns what reached the platforms. */
export async function runDue(
  bot: BotApp,
  calls: Recorded[],
): Promise<{ teams: Recorded[]; slack: Recorded[] }> {
  const before = calls.length;
  await bot.scheduler.runDue();
  await bot.dispatcher.drain();
  const sent = calls.slice(before);
  return {
    teams: sent.filter((c) => c.path.startsWith('/v3/conversations/') && c.method === 'POST'),
    slack: sent.filter((c) => c.path === '/api/chat.postMessage'),
  };
}

/**
 * The cycle tests' setting: the cycle-plan fixture imported, one recording stub serving as both Bot
 * Connector and Slack Web API, the bot with Slack on (requests signed with `secret`) on the clock
 * `now`, and a chat client for both channels.
 */
export async function startCycleChat(secret: string, now: () => Date) {
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
  const stub = await startRecordingConnector();
  const { bot, base } = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: `${stub.url}/api/` },
    { now },
  );
  const chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret });
  return { bot, base, stub, chat };
}

export type CycleChat = Awaited<ReturnType<typeof startCycleChat>>;
