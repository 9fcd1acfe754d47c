import type { BotApp } from '../../bot/app';
import { Audit, Cycle, Plan, Target, Workshop } from '../../models';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector, type Recorded } from '../support/recording-connector';
import { slackEvents } from './slack/events';

// Issue 15 (5), Slack: the policy team opens a monitoring cycle, publishes a workshop and edits a
// target in modals over real HTTP (signed requests, the Web API stubbed); errors come back beside
// the fields (response_action: errors) in the same modal, which keeps what was typed; staff are
// refused at the button and at the submission; nothing is written on error.
useTestDatabase();
const SECRET = 'policy-forms-secret';
const clock = new Date('2027-01-04T10:00:00Z');
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;
let events: ReturnType<typeof slackEvents>;

beforeAll(async () => {
  await importFixture('test/fixtures/policy-forms-plan.yaml', 'pat@forms.gov.uk');
  stub = await startRecordingConnector();
  const started = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${stub.url}/api/` },
    { now: () => clock },
  );
  bot = started.bot;
  chat = chatClient({ base: started.base, connector: stub.url, calls: stub.calls, secret: SECRET });
  events = slackEvents(started.base, SECRET);
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

let seq = 0;
const who = (id: string) => ({ id, username: id.toLowerCase(), name: id, team_id: 'T1' });
const click = (user: string, value: string) => ({
  type: 'block_actions',
  team: { id: 'T1', domain: 'forms' },
  user: who(user),
  api_app_id: 'A1',
  token: 'x',
  trigger_id: `trigger-${++seq}`,
  channel: { id: `D-${user}`, name: 'directmessage' },
  message: { ts: '1767520800.000100', type: 'message', text: '' },
  actions: [{ type: 'button', action_id: 'open_policy_form', block_id: 'b', value, action_ts: '1' }],
});
/** A modal's submission: each input block holding its element under the same name, as Slack sends. */
const submit = (
  user: string,
  callback_id: string,
  private_metadata: string,
  values: Record<string, string>,
) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 'forms' },
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
    state: {
      values: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          {
            [k]: /^(opensOn|dueOn|periodFrom|meetingOn|reportDeadline|day)$/.test(k)
              ? { type: 'datepicker', selected_date: v }
              : /^(starts|ends)$/.test(k)
                ? { type: 'timepicker', selected_time: v }
                : /^(scope|aim|unit|direction)$/.test(k)
                  ? {
                      type: 'static_select',
                      selected_option: { text: { type: 'plain_text', text: v }, value: v },
                    }
                  : { type: 'plain_text_input', value: v },
          },
        ]),
      ),
    },
  },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sends a payload; waits for `count` Web API calls to `path` made after the acknowledgement. */
async function send(payload: object, path: string, count = 1) {
  const before = stub.calls.length;
  const res = await chat.slack(payload);
  expect(res.status).toBe(200);
  const calls = () => stub.calls.slice(before).filter((c) => c.path === `/api/${path}`);
  for (let i = 0; i < 150 && calls().length < count; i++) await sleep(20);
  return { answer: res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {}, calls: calls() };
}
const modal = (call: Recorded | undefined) =>
  JSON.parse(String(call?.body.view ?? '{}')) as Record<string, unknown>;
const message = (call: Recorded | undefined) =>
  String(call?.body.blocks ?? '') + String(call?.body.text ?? '');
/** The modal's inputs with what they hold, by block id. */
function initial(view: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of (view.blocks ?? []) as {
    type: string;
    block_id?: string;
    element?: Record<string, unknown>;
  }[]) {
    const e = b.element;
    const v =
      e?.initial_value ??
      e?.initial_date ??
      e?.initial_time ??
      (e?.initial_option as { value?: string })?.value;
    if (b.type === 'input' && b.block_id && typeof v === 'string') out[b.block_id] = v;
  }
  return out;
}

test('opening a cycle in a modal: typed in chat, a wrong field beside it, then opened and audited as Slack', async () => {
  const asked = await events.command('open a cycle', 'UPOL');
  expect(asked.text).toContain('open_policy_form');
  expect(asked.text).toContain('openCycle|forms-borough');

  const opened = await send(click('UPOL', 'openCycle|forms-borough'), 'views.open');
  const view = modal(opened.calls[0]);
  expect(view).toMatchObject({ callback_id: 'open_cycle', private_metadata: 'forms-borough' });
  expect(initial(view)).toMatchObject({ scope: 'plan', remindDays: '5, 1', escalateDays: '1' });

  const values = {
    name: 'Q4 2026/27',
    scope: 'plan',
    dueOn: '2027-01-01',
    remindDays: '5, 1',
    escalateDays: '1',
  };
  const wrong = await send(submit('UPOL', 'open_cycle', 'forms-borough', values), 'none', 0);
  expect(wrong.answer.response_action).toBe('errors');
  expect(Object.keys(wrong.answer.errors as object)).toEqual(['dueOn']);
  expect(String((wrong.answer.errors as Record<string, string>).dueOn)).toContain(
    'must be after the opening date',
  );
  expect(await Cycle.countDocuments()).toBe(0);

  const done = await send(
    submit('UPOL', 'open_cycle', 'forms-borough', { ...values, dueOn: '2027-01-29' }),
    'chat.postMessage',
  );
  expect(done.answer.response_action).toBe('update');
  expect(JSON.stringify(done.answer.view)).toContain('Opened \\"Q4 2026/27\\": 3 targets, 2 owners to ask.');
  expect(message(done.calls[0])).toContain('Update requests go out Mon 4 Jan 2027, 09:00');
  expect(done.calls[0]?.body.channel).toBe('UPOL');
  expect(await Audit.findOne({ event: 'cycle-open' }).lean()).toMatchObject({
    by: 'pol@forms.gov.uk',
    channel: 'slack',
  });
});

test('publishing a workshop in a modal: a wrong time beside it, then published', async () => {
  const asked = await events.command('new workshop', 'UPOL');
  expect(asked.text).toContain('publishWorkshop');
  const opened = await send(click('UPOL', 'publishWorkshop'), 'views.open');
  expect(modal(opened.calls[0])).toMatchObject({ callback_id: 'publish_workshop' });
  const values = {
    title: 'Priorities workshop',
    day: '2027-03-16',
    starts: '14:00',
    ends: '13:00',
    link: 'https://teams.example/join',
    capacity: '12',
    audience: 'list: ann@forms.gov.uk, sam@forms.gov.uk',
  };
  const wrong = await send(submit('UPOL', 'publish_workshop', '', values), 'none', 0);
  expect(wrong.answer).toMatchObject({
    response_action: 'errors',
    errors: { ends: 'The workshop must end after it starts.' },
  });
  const audience = await send(
    submit('UPOL', 'publish_workshop', '', { ...values, ends: '16:00', audience: 'the moon' }),
    'none',
    0,
  );
  expect(Object.keys(audience.answer.errors as object)).toEqual(['audience']);
  expect(await Workshop.countDocuments()).toBe(0);
  const done = await send(
    submit('UPOL', 'publish_workshop', '', { ...values, ends: '16:00' }),
    'chat.postMessage',
  );
  expect(JSON.stringify(done.answer.view)).toContain('Inviting 2 people');
  expect(await Workshop.countDocuments()).toBe(1);
});

test('editing a target in a modal: a bad figure beside it; a good edit shown at once, audited, one revision', async () => {
  const asked = await events.command('edit ED.1/2', 'UPOL');
  expect(asked.text).toContain('editTarget|forms-borough:ED.1/2');
  const opened = await send(click('UPOL', 'editTarget|forms-borough:ED.1/2'), 'views.open');
  const view = modal(opened.calls[0]);
  expect(view.callback_id).toBe('edit_target');
  const filled = initial(view);
  expect(filled).toMatchObject({
    text: 'To reduce schools in special measures (BV48).',
    baselineValue: '3',
    unit: 'number',
    direction: 'down',
  });
  const meta = String(view.private_metadata);
  const revision = async () => (await Plan.findById('forms-borough').lean())?.revision;
  const before = await revision();

  const bad = await send(
    submit('UPOL', 'edit_target', meta, { ...filled, baselineValue: 'three', tolerance: '150' }),
    'none',
    0,
  );
  expect(bad.answer.response_action).toBe('errors');
  expect(bad.answer.errors).toMatchObject({
    baselineValue: expect.stringContaining('Give the value as a number') as unknown,
    tolerance: 'Give the Amber band as a percentage from 0 to 100, such as 5.',
  });
  expect(await revision()).toBe(before);

  const done = await send(
    submit('UPOL', 'edit_target', meta, {
      ...filled,
      text: 'To reduce schools in special measures to none (BV48).',
      finalText: '0',
      finalValue: '0',
      deputy: 'ann@forms.gov.uk',
    }),
    'chat.postMessage',
    2,
  );
  expect(JSON.stringify(done.answer.view)).toContain('Saved ED.1/2');
  // The note, then the priority's status card with the change in it.
  expect(message(done.calls[1])).toContain('To reduce schools in special measures to none (BV48).');
  expect(await revision()).toBe((before ?? 0) + 1);
  expect((await Target.findById('forms-borough:ED.1/2').lean())?.final).toMatchObject({
    text: '0',
    value: 0,
  });
  const audit = await Audit.findOne({ entity: 'targets', channel: 'slack' }).lean();
  expect(audit).toMatchObject({
    by: 'pol@forms.gov.uk',
    before: { text: 'To reduce schools in special measures (BV48).', final: null, deputy: null },
    after: { final: { text: '0', value: 0 }, deputy: 'ann@forms.gov.uk' },
  });
});

test('staff are refused at the button and at the submission; nothing changes', async () => {
  expect((await events.command('open a cycle', 'USTU')).text).toContain(
    'Only the policy team can open monitoring cycles',
  );
  const refused = await send(click('USTU', 'editTarget|forms-borough:ED.1/1'), 'chat.postMessage');
  expect(message(refused.calls[0])).toContain('Only the policy team can edit targets');
  const cycles = await Cycle.countDocuments();
  const submitted = await send(
    submit('USTU', 'open_cycle', 'forms-borough', {
      name: 'Staff cycle',
      scope: 'plan',
      dueOn: '2027-01-29',
    }),
    'none',
    0,
  );
  expect(JSON.stringify(submitted.answer)).toContain('Only the policy team can open monitoring cycles');
  expect(await Cycle.countDocuments()).toBe(cycles);
  const metaless = await send(submit('UPOL', 'edit_target', '{not json', { text: 'x' }), 'none', 0);
  expect(JSON.stringify(metaless.answer)).toContain('could not be read');
});
