import type { BotApp, BotAppOptions } from '../../bot/app';
import { fits } from '../../cards/fits';
import type { BroadcastFormDeps } from '../../services/broadcast/broadcast';
import { invitations } from '../../services/broadcast/invitations';
import { Links } from '../../services/links';
import { createLogger } from '../../services/log/logger';
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
export async function startCycleChat(secret: string, now: () => Date, options: BotAppOptions = {}) {
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
  const stub = await startRecordingConnector();
  const { bot, base, close } = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: `${stub.url}/api/` },
    { now, ...options },
  );
  const chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret });
  return { bot, base, close, stub, chat };
}

export type CycleChat = Awaited<ReturnType<typeof startCycleChat>>;

/** The link secret startConsultationChat gives the bot, and the links it signs with it. */
const LINK_SECRET = 'a-test-secret-of-some-length';
export const TEST_LINKS = new Links('http://localhost:3978', LINK_SECRET);

/**
 * The consultation and workshop tests' setting: the consultation-plan fixture imported, one
 * recording stub serving as both Bot Connector and Slack Web API, the bot with Slack (requests
 * signed with `secret`) and Teams on, its links signed as TEST_LINKS are, on the clock `now`, and a
 * chat client for both channels. `env` adds to (or overrides) the bot's settings.
 */
export async function startConsultationChat(
  secret: string,
  now: () => Date,
  env: Record<string, string> = {},
) {
  await importFixture('test/fixtures/consultation-plan.yaml', 'pat@consult.gov.uk');
  const stub = await startRecordingConnector();
  const { bot, base } = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${stub.url}/api/`,
      TEAMS_SERVICE_URL: stub.url,
      LINK_SECRET,
      ...env,
    },
    { now },
  );
  const chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret });
  return { bot, base, stub, chat };
}

export type ConsultationChat = Awaited<ReturnType<typeof startConsultationChat>>;

/**
 * What publishing a broadcast (a workshop, say) straight from a test needs: the clock `now`, a
 * silent log, TEST_LINKS, broadcasts to more than `approvalOver` people held for approval, and the
 * invitations the bot sends for each kind.
 */
export function broadcastDeps(now: () => Date, approvalOver: number): BroadcastFormDeps {
  return {
    now,
    log: createLogger('silent'),
    links: TEST_LINKS,
    approvalOver,
    fits,
    invitation: invitations(TEST_LINKS),
  };
}

/** Which modal a submission is of, and which of its inputs are date pickers and selects. */
export interface ModalForm {
  callbackId: string;
  dates: readonly string[];
  selects: readonly string[];
}
/** The target update form: asOf a date picker, rag a select, the rest text inputs. */
export const UPDATE_FORM: ModalForm = { callbackId: 'submit_update', dates: ['asOf'], selects: ['rag'] };

/**
 * A Slack form's submission (view_submission; the update form unless `form` says another) by `user`,
 * with `private_metadata` `metadata`, its inputs holding `values` by name: date pickers and selects
 * as `form` lists them, the rest text inputs.
 */
export function slackModalSubmission(
  user: string,
  metadata: string,
  values: Record<string, string>,
  form: ModalForm = UPDATE_FORM,
) {
  return {
    type: 'view_submission',
    team: { id: 'T1', domain: 'cycle' },
    user: { id: user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trig',
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: form.callbackId,
      private_metadata: metadata,
      team_id: 'T1',
      state: {
        values: Object.fromEntries(
          Object.entries(values).map(([k, v]) => [
            k,
            {
              [k]: form.dates.includes(k)
                ? { type: 'datepicker', selected_date: v }
                : form.selects.includes(k)
                  ? { type: 'static_select', selected_option: { value: v } }
                  : { type: 'plain_text_input', value: v },
            },
          ]),
        ),
      },
    },
  };
}
