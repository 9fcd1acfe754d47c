import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Update } from '../../../models';
import { connect } from '../../../models/database';
import { openCycle } from '../../../services/cycle/open';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../../models/embedded/server';
import { createLogger } from '../../../services/log/logger';
import { importFixture } from '../../support/bot-app';
import { freePort, freeze, startBot, untilListening, type Started } from '../../support/processes';
import { startRecordingConnector } from '../../support/recording-connector';
import { planCommand, slackHeaders } from '../../support/slack-signing';

// Issue 11: with the database stopped (SIGSTOP), health answers within a second, Slack is
// acknowledged within its 3 s with an error in place (never an empty "accepted"), Teams is told the
// database is not answering — and everything works again once it is back. Real processes: the bot
// and the database each in their own.
const SECRET = 'frozen-secret';
let database: EmbeddedDatabase;
let dir: string;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let bot: Started;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gt-frozen-'));
  database = await startEmbeddedDatabase(process.env.TEST_FERRETDB_BIN ?? '', dir, createLogger('warn'));
  await connect(database.uri, 'frozen');
  await importFixture('test/fixtures/cycle-plan.yaml', 'pat@cycle.gov.uk');
  const today = new Date().toISOString().slice(0, 10);
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await openCycle({
    plan: 'cycle-borough',
    name: 'Frozen',
    opensOn: today,
    dueOn: due,
    by: 'pat@cycle.gov.uk',
  });
  stub = await startRecordingConnector();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = startBot({
    MONGODB_URI: database.uri,
    MONGODB_DB: 'frozen',
    PORT: String(port),
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-frozen',
    SLACK_API_URL: `${stub.url}/api/`,
    TEAMS_SERVICE_URL: `${stub.url}/`,
    DATABASE_TIMEOUT_MS: '4000',
  });
  await untilListening(bot);
}, 120_000);

afterAll(async () => {
  await mongoose.disconnect();
  process.kill(database.pid, 'SIGCONT');
  bot?.child.kill('SIGKILL');
  await database?.stop();
  await stub?.close();
  rmSync(dir, { recursive: true, force: true });
});

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const start = Date.now();
  const value = await work();
  return { ms: Date.now() - start, value };
};
const health = () => fetch(`${base}/healthz`).then((r) => r.status);
const form = 'application/x-www-form-urlencoded';
async function slack(body: string, contentType = form) {
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: slackHeaders(SECRET, body, contentType),
    body,
  });
  return { status: res.status, text: await res.text() };
}
let seq = 0;
const CYCLE = 'cycle-borough:frozen';
const asOf = new Date().toISOString().slice(0, 10);
/** Sam's update of ED.1/2 in the Slack modal, as Slack submits it. */
const modal = () =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'USAM', team_id: 'T1' },
      trigger_id: `frozen-${++seq}`,
      view: {
        id: 'V1',
        callback_id: 'submit_update',
        private_metadata: `${CYCLE}|cycle-borough:ED.1/2`,
        blocks: [
          { type: 'input', block_id: 'value' },
          { type: 'input', block_id: 'asOf' },
        ],
        state: {
          values: {
            value: { value: { type: 'plain_text_input', value: '1' } },
            asOf: { asOf: { type: 'datepicker', selected_date: asOf } },
          },
        },
      },
    }),
  }).toString();
const command = planCommand;
async function postTeams(
  extra: Record<string, unknown>,
): Promise<{ status: number; body: string; replies: string }> {
  const before = stub.calls.length;
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `frozen-${++seq}`,
      channelId: 'msteams',
      serviceUrl: stub.url,
      from: { id: '29:ann', name: 'Ann Owner' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: 'a:frozen', conversationType: 'personal' },
      ...extra,
    }),
  });
  return { status: res.status, body: await res.text(), replies: JSON.stringify(stub.calls.slice(before)) };
}
const teams = (text: string) => postTeams({ text });
/** Ann's update of ED.1/1 from its Teams card (Action.Execute). */
const teamsUpdate = () =>
  postTeams({
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-1',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'submitUpdate',
        data: { cycle: CYCLE, target: 'cycle-borough:ED.1/1', value: '47', asOf },
      },
      trigger: 'manual',
    },
  });
const updates = async () => {
  await connect(database.uri, 'frozen');
  return Update.countDocuments({});
};

test('a frozen database: health in under 1 s, Slack acknowledged in time with the error in place, Teams told; nothing said saved unless it was', async () => {
  expect(await health()).toBe(200);
  expect((await teams('status of ED.1')).replies).toContain('40.7%');
  const before = await updates(); // the plan's own history
  await mongoose.disconnect();

  await freeze(database.pid);
  try {
    const probe = await timed(health);
    expect(probe.value).toBe(503);
    expect(probe.ms).toBeLessThan(1000);

    const submitted = await timed(() => slack(modal()));
    expect(submitted.ms).toBeLessThan(3000);
    expect(submitted.value.status).toBe(200);
    const answer = JSON.parse(submitted.value.text) as {
      response_action: string;
      errors: Record<string, string>;
    };
    // The modal stays open, with what was typed, and says it was not saved.
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.value).toMatch(/^Not (saved|confirmed as saved)/);

    // Teams: the card stays as it is, with what was typed; a message under it says it was not saved.
    const card = await timed(teamsUpdate);
    expect(card.value.status).toBe(200);
    expect(JSON.parse(card.value.body)).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/^Not saved — the plan's database is not answering/),
    });
    expect(card.ms).toBeLessThan(10_000);

    const asked = await timed(() => slack(command('status of ED.1')));
    expect(asked.ms).toBeLessThan(3000);
    expect(JSON.parse(asked.value.text)).toMatchObject({ response_type: 'ephemeral' });

    const told = await timed(() => teams('status of ED.1'));
    expect(told.value.status).toBe(200);
    expect(told.value.replies).toContain('database is not answering');
    expect(told.ms).toBeLessThan(10_000);
  } finally {
    process.kill(database.pid, 'SIGCONT');
  }

  for (let i = 0; i < 100 && (await health()) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await health()).toBe(200);
  expect((await teams('status of ED.1')).replies).toContain('40.7%');
  expect((await slack(command('status of ED.1'))).text).toContain('40.7%');
  // Nothing typed during the freeze was stored; submitted again, each is stored once.
  expect(await updates()).toBe(before);
  await mongoose.disconnect();
  const saved = JSON.parse((await slack(modal())).text) as { response_action: string; view: object };
  expect(saved.response_action).toBe('update');
  expect(JSON.stringify(saved.view)).toContain('Submitted');
  expect((await teamsUpdate()).body).toContain('Submitted by Ann Owner');
  expect(await updates()).toBe(before + 2);
  expect(bot.child.exitCode).toBeNull();
}, 90_000);
