import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connect } from '../../../models/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../../models/embedded/server';
import { createLogger } from '../../../services/log/logger';
import { importFixture } from '../../support/bot-app';
import { freePort, startBot, untilListening, type Started } from '../../support/processes';
import { startRecordingConnector } from '../../support/recording-connector';
import { slackHeaders } from '../../support/slack-signing';

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
  await importFixture('test/fixtures/small-plan.yaml');
  await mongoose.disconnect();
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
const modal = () =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'UANN' },
      trigger_id: `frozen-${++seq}`,
      view: {
        id: 'V1',
        callback_id: 'submit_update',
        private_metadata: 'cycle-1|CS.1/1',
        blocks: [{ type: 'input', block_id: 'value' }],
        state: { values: { value: { value: { type: 'plain_text_input', value: '42' } } } },
      },
    }),
  }).toString();
const command = (text: string) =>
  new URLSearchParams({
    command: '/plan',
    text,
    user_id: 'UANN',
    team_id: 'T1',
    channel_id: 'D1',
    trigger_id: `frozen-${++seq}`,
  }).toString();
async function teams(text: string): Promise<{ status: number; replies: string }> {
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
      text,
    }),
  });
  return { status: res.status, replies: JSON.stringify(stub.calls.slice(before)) };
}

test('a frozen database: health in under 1 s, Slack acknowledged in time with the error in place, Teams told', async () => {
  expect(await health()).toBe(200);
  expect((await teams('status of CS.1')).replies).toContain('38.2%');

  process.kill(database.pid, 'SIGSTOP');
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

    const asked = await timed(() => slack(command('status of CS.1')));
    expect(asked.ms).toBeLessThan(3000);
    expect(JSON.parse(asked.value.text)).toMatchObject({ response_type: 'ephemeral' });

    const told = await timed(() => teams('status of CS.1'));
    expect(told.value.status).toBe(200);
    expect(told.value.replies).toContain('database is not answering');
    expect(told.ms).toBeLessThan(10_000);
  } finally {
    process.kill(database.pid, 'SIGCONT');
  }

  for (let i = 0; i < 100 && (await health()) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await health()).toBe(200);
  expect((await teams('status of CS.1')).replies).toContain('38.2%');
  expect((await slack(command('status of CS.1'))).text).toContain('38.2%');
  expect(bot.child.exitCode).toBeNull();
}, 90_000);
