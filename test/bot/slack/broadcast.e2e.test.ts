import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { type BotApp } from '../../../bot/app';
import { slackDirectory } from '../../../bot/slack/directory';
import { fits } from '../../../cards/fits';
import {
  Broadcast,
  Consultation,
  ConsultationResponse,
  Delivery,
  WorkshopReply,
  WorkshopSeat,
} from '../../../models';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { publishWorkshop } from '../../../services/workshop/publish';
import { workshopInvitation } from '../../../services/workshop/view';
import { importFixture, startTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector, type Recorded } from '../../support/recording-connector';
import { chatClient, runDue } from '../../support/chat';

// Consultations and workshops in Slack over real HTTP, with signed requests and the Web API stubbed:
// compose (errors, preview, send) → delivery → answers (invalid, valid, replaced) → workshop places
// and the waiting list → broadcast actions for the policy team only.
useTestDatabase();
const SECRET = 'broadcast-secret';
let clock = new Date('2027-01-04T10:00:00Z');
let bot: BotApp;
let chat: ReturnType<typeof chatClient>;
let base: string;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;

beforeAll(async () => {
  await importFixture('test/fixtures/broadcast-people.yaml', 'pat@broadcast.gov.uk');
  stub = await startRecordingConnector();
  ({ bot, base } = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${stub.url}/api/` },
    { now: () => clock },
  ));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

const NAMES: Record<string, string> = { UPAT: 'Pat Policy', UANN: 'Ann Answer', UBEN: 'Ben Waiting' };
const who = (id: string) => ({ id, username: id.toLowerCase(), name: NAMES[id] ?? id, team_id: 'T1' });
let seq = 0;

const slack = (payload: object) => chat.slack(payload);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends a payload, then waits for the Web API calls its handler makes after the acknowledgement. */
async function send(payload: object, path: string, count = 1): Promise<{ text: string; calls: Recorded[] }> {
  const before = stub.calls.length;
  const res = await slack(payload);
  expect(res.status).toBe(200);
  const calls = () => stub.calls.slice(before).filter((c) => c.path === `/api/${path}`);
  for (let i = 0; i < 150 && calls().length < count; i++) await sleep(20);
  if (count === 0) await sleep(200); // to show that nothing comes
  return { text: res.text, calls: calls() };
}
const click = (user: string, action_id: string, value: string, ts = '1767520800.000100') => ({
  type: 'block_actions',
  team: { id: 'T1', domain: 'broadcast' },
  user: who(user),
  api_app_id: 'A1',
  token: 'x',
  trigger_id: `trigger-${++seq}`,
  channel: { id: `D-${user}`, name: 'directmessage' },
  message: { ts, type: 'message', text: '' },
  actions: [{ type: 'button', action_id, block_id: 'b', value, action_ts: '1' }],
});
const submit = (
  user: string,
  callback_id: string,
  private_metadata: string,
  values: Record<string, object>,
) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 'broadcast' },
  user: who(user),
  api_app_id: 'A1',
  token: 'x',
  trigger_id: `trigger-${++seq}`,
  view: {
    id: 'V1',
    type: 'modal',
    callback_id,
    private_metadata,
    team_id: 'T1',
    // Slack sends every input block, each holding its one element under the same name.
    state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { [k]: v }])) },
  },
});
const typed = (value: string | null) => ({ type: 'plain_text_input', value });
const chosen = (value: string) => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text', text: value }, value },
});
const chosenMany = (...values: string[]) => ({
  type: 'multi_static_select',
  selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
});
const composed = (values: Record<string, string | null>, preview = false) =>
  submit('UPAT', 'compose_consultation', '', {
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typed(v)])),
    mode: {
      type: 'checkboxes',
      selected_options: preview ? [{ text: { type: 'plain_text', text: 'Preview' }, value: 'preview' }] : [],
    },
  });
/** A Web API call's arguments as JSON; blocks arrive form-encoded as a JSON string of their own. */
const body = (call: Recorded | undefined) => {
  const args = call?.body ?? {};
  return JSON.stringify(
    typeof args.blocks === 'string' ? { ...args, blocks: JSON.parse(args.blocks) } : args,
  );
};
const view = (call: Recorded | undefined) =>
  JSON.parse(String(call?.body.view ?? '{}')) as Record<string, unknown>;

/** Moves the clock, runs what is due and drains the outbox; returns the Slack messages sent. */
async function deliver(iso: string): Promise<Recorded[]> {
  clock = new Date(iso);
  return (await runDue(bot, stub.calls)).slack;
}
const to = (calls: Recorded[], user: string) => calls.filter((c) => c.body.channel === `D-${user}`);

const VALID = {
  title: 'Budget 2027/28',
  summary: 'The draft budget for 2027/28: what should we protect? <!channel> & more',
  link: 'https://council.gov.uk/budget',
  questions:
    'single: Do you agree with the draft? | Yes | No\nmultiple: Which areas matter most? | Housing | Parks | Roads\nrating: How clear is the draft?\ntext: Anything else?',
  closes: '2027-01-20',
  nudgeDays: null,
  audience: 'everyone',
  sendAt: null,
};

test('consultations: composed in a modal, delivered, answered; broadcast actions for the policy team only', async () => {
  // Only the policy team may open the form.
  const refused = await send(click('UANN', 'open_compose', 'compose'), 'chat.postMessage');
  expect(body(refused.calls[0])).toContain('Only the policy team can send consultations');
  expect(refused.calls[0]?.body.channel).toBe('UANN');
  const opened = await send(click('UPAT', 'open_compose', 'compose'), 'views.open');
  expect(view(opened.calls[0])).toMatchObject({ callback_id: 'compose_consultation' });

  // Errors come back beside the fields, at most 150 characters each, and nothing is stored.
  const bad = await send(
    composed({
      ...VALID,
      title: 'x',
      questions: 'single: Agree? | Yes',
      closes: 'next week',
      audience: null,
    }),
    'chat.postMessage',
    0,
  );
  const errors = JSON.parse(bad.text) as { response_action: string; errors: Record<string, string> };
  expect(errors.response_action).toBe('errors');
  expect(Object.keys(errors.errors).sort()).toEqual(['audience', 'closes', 'questions', 'title']);
  expect(errors.errors.questions).toContain('Question 1 needs at least two choices');
  for (const e of Object.values(errors.errors)) expect(e.length).toBeLessThanOrEqual(150);
  expect(bad.calls).toEqual([]);
  const unknownAudience = JSON.parse((await slack(composed({ ...VALID, audience: 'the moon' }))).text);
  expect(unknownAudience.errors.audience).toContain("I don't understand the audience");
  // A message too big for a platform is a problem with the whole form: shown above the fields, kept.
  const huge = JSON.parse((await slack(composed({ ...VALID, summary: '&&&&&&&&& '.repeat(1900) }))).text);
  expect(huge.response_action).toBe('update');
  expect(huge.view.callback_id).toBe('compose_consultation');
  expect(JSON.stringify(huge.view.blocks[0])).toContain('The message is too long for Slack');
  expect(JSON.stringify(huge.view)).toContain('"initial_value":"Budget 2027/28"');
  expect(await Consultation.countDocuments()).toBe(0);

  // A preview goes to the author only: the card as recipients will see it, and how many it reaches.
  const preview = await send(composed(VALID, true), 'chat.postMessage', 2);
  expect(preview.text).toBe('');
  expect(preview.calls.map((c) => c.body.channel)).toEqual(['UPAT', 'UPAT']);
  expect(body(preview.calls[0])).toContain('Preview: only you can see this');
  expect(body(preview.calls[0])).toContain('&lt;!channel&gt; &amp; more');
  expect(body(preview.calls[1])).toContain('It goes to 4 people');
  expect(await Consultation.countDocuments()).toBe(0);

  // Sent: the modal closes and the author is told; nothing goes before the scheduler runs.
  const sent = await send(composed(VALID), 'chat.postMessage');
  expect(sent.text).toBe('');
  expect(body(sent.calls[0])).toContain('Sending \\"Budget 2027/28\\" now');
  const consultation = await Consultation.findOne().lean();
  const id = String(consultation?._id);
  expect(id).toBe('budget-2027-28-2027-01-20');
  expect(await Broadcast.findById(`consultation:${id}`).lean()).toMatchObject({
    status: 'scheduled',
    audienceCount: 4,
  });

  const dms = await deliver('2027-01-04T10:01:00Z');
  expect(dms.map((c) => c.body.channel).sort()).toEqual(['D-UANN', 'D-UBEN', 'D-UCAT', 'D-UPAT']);
  for (const dm of dms) {
    expect(body(dm)).toContain('Consultation from the policy team');
    expect(body(dm)).toContain(`"action_id":"open_consultation"`);
    expect(body(dm)).toContain(`"value":"${id}"`);
  }
  // A minute on, the author gets the broadcast's status; nobody gets the consultation twice.
  const report = await deliver('2027-01-04T10:02:00Z');
  expect(report.map((c) => c.body.channel)).toEqual(['D-UPAT']);
  expect(body(report[0])).toContain('"text":"*Sent*\\n4"');
  expect(await deliver('2027-01-04T10:03:00Z')).toEqual([]);

  // Ann opens the form: one input per question, choices valued by their number.
  const form = await send(click('UANN', 'open_consultation', id), 'views.open');
  const modal = view(form.calls[0]);
  expect(modal).toMatchObject({ callback_id: 'answer_consultation', private_metadata: id });
  expect(JSON.stringify(modal.blocks)).toContain(
    '"options":[{"text":{"type":"plain_text","text":"Yes"},"value":"0"}',
  );

  // Invalid answers come back beside their questions and change nothing.
  const answer = (user: string, values: Record<string, object>, meta = id) =>
    slack(
      submit(user, 'answer_consultation', meta, {
        q1: { type: 'static_select', selected_option: null },
        ...values,
      }),
    );
  const invalid = JSON.parse((await answer('UANN', { q1: chosen('7'), q3: chosen('9') })).text);
  expect(invalid).toEqual({
    response_action: 'errors',
    errors: { q1: 'Choose from the choices given.', q3: 'Choose a rating from 1 to 5.' },
  });
  expect(JSON.parse((await answer('UANN', { q4: typed(null) })).text).errors).toEqual({
    q1: 'Answer at least one question.',
  });
  expect(await ConsultationResponse.countDocuments()).toBe(0);

  const valid = JSON.parse(
    (
      await answer('UANN', {
        q1: chosen('0'),
        q2: chosenMany('0', '2'),
        q3: chosen('4'),
        q4: typed('More buses <@U999>'),
      })
    ).text,
  );
  expect(valid.response_action).toBe('update');
  expect(JSON.stringify(valid.view)).toContain('Thank you: your answer was recorded');
  expect(JSON.stringify(valid.view)).toContain('Your answer: Housing, Roads');
  expect(JSON.stringify(valid.view)).toContain('More buses &lt;@U999&gt;');
  // A second answer replaces the first: still one response, with the new choice.
  const again = JSON.parse((await answer('UANN', { q1: chosen('1') })).text);
  expect(JSON.stringify(again.view)).toContain('Your answer was updated');
  const responses = await ConsultationResponse.find().lean();
  expect(responses).toHaveLength(1);
  expect(responses[0]).toMatchObject({
    recipient: 'ann@broadcast.gov.uk',
    answers: { q1: 'No' },
    channel: 'slack',
    edits: 1,
  });
  // Reopening shows the answer given.
  const reopened = await send(click('UANN', 'open_consultation', id), 'views.open');
  expect(JSON.stringify(view(reopened.calls[0]))).toContain(
    '"initial_option":{"text":{"type":"plain_text","text":"No"},"value":"1"}',
  );

  // Someone it was not sent to, and a form that cannot be read: refused, nothing recorded.
  const stranger = JSON.parse((await answer('UZED', { q1: chosen('0') })).text);
  expect(JSON.stringify(stranger.view)).toContain('was not sent to you');
  const unreadable = JSON.parse((await answer('UANN', { q1: chosen('0') }, '')).text);
  expect(JSON.stringify(unreadable.view)).toContain('could not be read, so nothing was changed');
  const forged = await send(click('UANN', 'open_consultation', '{"$gt":""}'), 'chat.postMessage');
  expect(body(forged.calls[0])).toContain('could not be read, so nothing was changed');
  expect(await ConsultationResponse.countDocuments()).toBe(1);

  // Broadcast actions: refused for anyone outside the policy team, whatever the button says.
  const broadcast = `consultation:${id}`;
  const cancelled = await send(click('UANN', 'broadcast_cancel', broadcast), 'chat.postMessage');
  expect(cancelled.calls[0]?.body.channel).toBe('UANN');
  expect(body(cancelled.calls[0])).toContain('Only the policy team can cancel a broadcast');
  expect(await Broadcast.findById(broadcast).lean()).toMatchObject({ status: 'sending' });
  const approve = await send(click('UPAT', 'broadcast_approve', broadcast), 'chat.postMessage');
  expect(body(approve.calls[0])).toContain('is not waiting for approval (sending)');
  const cancel = await send(click('UPAT', 'broadcast_cancel', broadcast), 'chat.postMessage');
  expect(body(cancel.calls[0])).toContain('Cancelled \\"Budget 2027/28\\": 0 not sent; 4 had already gone.');
  expect(await Broadcast.findById(broadcast).lean()).toMatchObject({ status: 'cancelled' });
});

test('a workshop with one place: Attend takes it, the next waits, a Decline promotes them', async () => {
  const links = new Links('https://bot.example', 'a-link-secret-for-tests');
  const log = createLogger('silent');
  await publishWorkshop(
    {
      id: 'priorities-workshop',
      title: 'Priorities workshop',
      description: 'Round two of the priorities.',
      starts: '2027-02-10 14:00',
      ends: '16:00',
      place: 'Town Hall',
      capacity: 1,
      audience: 'list: ann@broadcast.gov.uk, ben@broadcast.gov.uk',
    },
    'pat@broadcast.gov.uk',
    {
      now: () => clock,
      log,
      links,
      approvalOver: 500,
      fits,
      invitation: (_kind, subject) => workshopInvitation(subject, links),
    },
  );
  const invitations = await deliver('2027-01-05T09:00:00Z');
  expect(invitations.map((c) => c.body.channel).sort()).toEqual(['D-UANN', 'D-UBEN']);
  for (const kind of ['rsvp_attend', 'rsvp_decline', 'rsvp_maybe'])
    expect(body(invitations[0])).toContain(`"action_id":"${kind}","text":`);

  // Ann takes the place: her invitation is updated in place.
  const ann = await send(
    click('UANN', 'rsvp_attend', 'priorities-workshop', '1767600000.000200'),
    'chat.update',
  );
  expect(ann.calls[0]?.body).toMatchObject({ channel: 'D-UANN', ts: '1767600000.000200' });
  expect(body(ann.calls[0])).toContain('You are attending');
  expect(body(ann.calls[0])).toContain('Full');
  // Ben is second: the waiting list.
  const ben = await send(click('UBEN', 'rsvp_attend', 'priorities-workshop'), 'chat.update');
  expect(body(ben.calls[0])).toContain('you are number 1 on the waiting list');
  // Cat was not invited: told so, and her click changes nothing.
  const cat = await send(click('UCAT', 'rsvp_attend', 'priorities-workshop'), 'chat.postMessage');
  expect(body(cat.calls[0])).toContain('You were not invited');
  expect(await WorkshopReply.countDocuments()).toBe(2);

  // Ann declines: Ben gets the place and is told.
  const declined = await send(click('UANN', 'rsvp_decline', 'priorities-workshop'), 'chat.update');
  expect(body(declined.calls[0])).toContain('You declined');
  expect(await WorkshopSeat.find().lean()).toEqual([
    expect.objectContaining({ holder: 'ben@broadcast.gov.uk' }),
  ]);
  const told = await deliver('2027-01-05T09:05:00Z');
  expect(to(told, 'UBEN')).toHaveLength(1);
  expect(body(to(told, 'UBEN')[0])).toContain('A place came free: you are now attending');
  expect(to(told, 'UANN')).toEqual([]);
  expect(await WorkshopReply.findById('priorities-workshop|ben@broadcast.gov.uk').lean()).toMatchObject({
    answer: 'attending',
  });
  expect(await Delivery.countDocuments({ batch: 'workshop:priorities-workshop', status: 'sent' })).toBe(2);
});

test('the Slack directory pages through a channel over HTTP, finds #names, caps and explains errors', async () => {
  const asked: URLSearchParams[] = [];
  // A Web API that pages channel members 1,000 at a time: CSMALL has 2,500, CHUGE never ends.
  const api = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const args = new URLSearchParams(Buffer.concat(chunks).toString());
    asked.push(args);
    const page = Number(args.get('cursor') ?? 0);
    const answer = req.url?.endsWith('conversations.list')
      ? {
          ok: true,
          channels: [{ id: 'CSMALL00', name: 'consultation' }],
          response_metadata: { next_cursor: '' },
        }
      : args.get('channel') === 'CSMALL00'
        ? {
            ok: true,
            members: Array.from({ length: page < 2 ? 1000 : 500 }, (_, i) => `U${page}x${i}`),
            response_metadata: { next_cursor: page < 2 ? String(page + 1) : '' },
          }
        : args.get('channel') === 'CHUGE000'
          ? {
              ok: true,
              members: Array.from({ length: 1000 }, (_, i) => `U${page}x${i}`),
              response_metadata: { next_cursor: String(page + 1) },
            }
          : { ok: false, error: 'not_in_channel' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const app = new App({
    token: 'xoxb-test',
    signingSecret: 'unused',
    tokenVerificationEnabled: false,
    clientOptions: {
      slackApiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`,
      retryConfig: { retries: 0 },
    },
  });
  const members = slackDirectory(app);
  try {
    const small = await members('#consultation');
    expect(small).toHaveLength(2500);
    expect(small[0]).toEqual({ userId: 'U0x0' });
    expect(new Set(small.map((m) => m.userId)).size).toBe(2500);
    expect(asked.slice(1).map((a) => [a.get('channel'), a.get('limit'), a.get('cursor')])).toEqual([
      ['CSMALL00', '1000', null],
      ['CSMALL00', '1000', '1'],
      ['CSMALL00', '1000', '2'],
    ]);
    asked.length = 0;
    await expect(members('CHUGE000')).rejects.toThrow(
      'CHUGE000 has more than 100,000 members; choose a department, a role or a list instead.',
    );
    expect(asked).toHaveLength(101);
    await expect(members('CNOTIN00')).rejects.toThrow(
      'Slack would not list the members of CNOTIN00: the bot is not in that channel: invite @Golden Thread to it first.',
    );
    await expect(members('#nowhere')).rejects.toThrow('There is no Slack channel called #nowhere');
  } finally {
    await new Promise((r) => api.close(r));
  }
});
