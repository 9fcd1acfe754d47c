import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BotApp } from '../../bot/app';
import { Audit, SignOff, Target, Update } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { importPlan, importPlanFile } from '../../services/plan/import';
import { exportPlan } from '../../services/plan/export';
import { writePlanFile } from '../../services/plan-file/write';
import { readPlanFile } from '../../services/plan-file/read';
import { PlanCatalogue } from '../../services/plan/snapshot';
import { startTestBot } from '../support/bot-app';
import { chatClient, runDue, slackModalSubmission } from '../support/chat';
import { signOffPlanFile } from '../support/card-reading';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector, type Recorded } from '../support/recording-connector';

// A plan with a two-step sign-off chain, used over real HTTP in Teams and Slack: a submitted figure
// is provisional until the owner's line manager and then the policy team approve it; a return
// with a comment sends the owner the comment and the form with their values; re-submission starts
// the chain again; each wrong click is refused with a reason and changes nothing.
const db = useTestDatabase();
const SECRET = 'sign-off-secret';
const PLAN = 'cycle-borough';
const CYCLE = `${PLAN}:q3-2026-27`;
let clock = new Date('2027-01-04T08:00:00Z');
let bot: BotApp;
let close: () => void;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  const summary = await importPlanFile(signOffPlanFile(), 1 << 20, { by: 'pat@cycle.gov.uk' });
  expect(summary.plan).toBe(PLAN);
  stub = await startRecordingConnector();
  // The catalogue re-reads plan revisions on every question: a status asked just after a decision
  // shows it, with no waiting.
  ({ bot, close } = await startTestBot(
    { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${stub.url}/api/` },
    { now: () => clock, catalogue: new PlanCatalogue(0) },
  ).then((b) => {
    chat = chatClient({ base: b.base, connector: stub.url, calls: stub.calls, secret: SECRET });
    return b;
  }));
  for (const who of ['29:ann', '29:meg', '29:pat', '29:dan']) await chat.say(who, 'hello');
  await openCycle(
    { plan: PLAN, name: 'Q3 2026/27', opensOn: '2027-01-04', dueOn: '2027-01-15', by: 'pat@cycle.gov.uk' },
    clock,
  );
  await day('2027-01-04T09:01:00Z');
});
afterAll(async () => {
  close();
  await stub.close();
});

async function day(iso: string) {
  clock = new Date(iso);
  return runDue(bot, stub.calls);
}
const to = (calls: Recorded[], who: string) =>
  calls.filter((c) => c.path.includes(`dm-${who}`) || String(c.body.channel) === `D-${who}`);
const execute = (who: string, verb: string, data: Record<string, unknown>) => chat.execute(who, verb, data);
const latestOf = async (key: string) => (await Target.findById(`${PLAN}:${key}`).lean())?.latest;
/** Waits for a positive signal (a Slack call the bot makes after acking), not for a fixed time. */
async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('The bot never made the call this test waits for');
}

test('Teams: provisional, approved, returned with a comment, re-submitted, confirmed — and every wrong click refused', async () => {
  const form = { cycle: CYCLE, target: `${PLAN}:ED.1/1`, value: '47', asOf: '2026-12-31' };
  clock = new Date('2027-01-05T10:00:00Z');
  const submitted = await execute('29:ann', 'submitUpdate', form);
  expect(submitted).toContain('Submitted by Ann Owner');
  expect(submitted).toContain(
    "Provisional until signed off — next: step 1 of 2, Head of service approves (Meg Manager (Ann Owner's line manager)).",
  );
  const first = (await Update.findOne({ target: 'ED.1/1' }).lean())?._id ?? '';
  expect(await latestOf('ED.1/1')).toMatchObject({ update: first, status: 'provisional', value: 47 });
  expect((await Target.findById(`${PLAN}:ED.1/1`).lean())?.confirmed).toBeUndefined();

  // Every card shows it as provisional; the policy team's cycle status counts it as awaiting sign-off.
  expect(await chat.say('29:dan', 'status of ED.1')).toContain(
    'Latest (provisional, awaiting sign-off): 47% as of 31 Dec 2026',
  );
  expect(await chat.say('29:pat', 'cycle status')).toContain(
    '1 submitted · 3 outstanding · 0 overdue · 1 awaiting sign-off',
  );

  // The line manager gets the card through the outbox, and finds it under "pending sign-offs".
  const sent = await day('2027-01-05T10:01:00Z');
  const card = JSON.stringify(to(sent.teams, '29:meg'));
  expect(card).toContain('please sign off this update — step 1 of 2, Head of service approves');
  expect(card).toContain('signOffApprove');
  expect(card).toContain('signOffReturn');
  expect(to(sent.teams, '29:pat')).toHaveLength(0);
  expect(await chat.say('29:meg', 'pending sign-offs')).toContain('Waiting for your sign-off: 1 update');
  expect(await chat.say('29:pat', 'pending sign-offs')).toContain('Nothing is waiting for your sign-off');
  expect(await chat.say('29:meg', `sign off ${first}`)).toContain('Return with comment');

  // Not theirs, not yet, and a return without a comment: refused, nothing recorded.
  const step = (n: number) => ({ update: first, step: String(n) });
  expect(await execute('29:pat', 'signOffApprove', step(1))).toContain(
    "Only Meg Manager (Ann Owner's line manager) can sign off step 1 of 2",
  );
  expect(await execute('29:ann', 'signOffApprove', step(1))).toContain('Only Meg Manager');
  expect(await execute('29:pat', 'signOffApprove', step(2))).toContain(
    'is at step 1 of 2, Head of service approves',
  );
  expect(await execute('29:meg', 'signOffReturn', { ...step(1), comment: '  ' })).toContain(
    'Say why you are returning it',
  );
  expect(await SignOff.countDocuments({ update: first })).toBe(1);

  // Approved at step 1 — twice counts once — and the policy team is asked next.
  clock = new Date('2027-01-05T11:00:00Z');
  const approved = await execute('29:meg', 'signOffApprove', step(1));
  expect(approved).toContain('Approved by Meg Manager');
  expect(approved).toContain('Next: step 2 of 2, Policy team confirms (the policy team)');
  expect(await execute('29:meg', 'signOffApprove', step(1))).toContain('Already approved');
  expect(await SignOff.countDocuments({ update: first })).toBe(2);
  expect(await latestOf('ED.1/1')).toMatchObject({ status: 'provisional' });
  const policy = await day('2027-01-05T11:01:00Z');
  expect(JSON.stringify(to(policy.teams, '29:pat'))).toContain('step 2 of 2, Policy team confirms');
  expect(JSON.stringify(policy.slack.filter((c) => c.body.channel === 'D-UPIA'))).toContain(
    'sign_off_approve',
  );

  // Returned with a comment: the owner gets the comment and the form with their values.
  const comment = 'Which schools? Say which ones moved, please.';
  expect(await execute('29:pat', 'signOffReturn', { ...step(2), comment })).toContain(
    'Returned by Pat Policy',
  );
  expect(await latestOf('ED.1/1')).toMatchObject({ update: first, status: 'returned' });
  expect(await execute('29:pat', 'signOffApprove', step(2))).toContain(
    'was returned to its owner by Pat Policy',
  );
  const back = await day('2027-01-05T11:02:00Z');
  const returnedForm = to(back.teams, '29:ann');
  expect(returnedForm).toHaveLength(1);
  const formText = JSON.stringify(returnedForm);
  expect(formText).toContain(
    `your update was returned by Pat Policy (step 2 of 2, Policy team confirms): \\"${comment}\\"`,
  );
  expect(formText).toContain('submitUpdate');
  expect(formText).toMatch(/"id":"value","label":"[^"]*","value":"47"/);
  expect(await chat.say('29:dan', 'status of ED.1')).toContain('returned to its owner for correction');

  // Re-submitted with the same figure: a new update, and the chain starts again.
  clock = new Date('2027-01-06T09:30:00Z');
  const again = await execute('29:ann', 'submitUpdate', {
    ...form,
    commentary: 'Two schools moved out of special measures.',
  });
  expect(again).toContain('Provisional until signed off — next: step 1 of 2');
  const second = (await latestOf('ED.1/1'))?.update ?? '';
  expect(second).not.toBe(first);
  expect(await execute('29:pat', 'signOffApprove', step(2))).toContain('A newer update of ED.1/1');
  await day('2027-01-06T09:31:00Z');
  expect(await execute('29:meg', 'signOffApprove', { update: second, step: '1' })).toContain(
    'Approved by Meg',
  );
  const confirmed = await execute('29:pat', 'signOffApprove', { update: second, step: '2' });
  expect(confirmed).toContain('The figure is now confirmed');
  const target = await Target.findById(`${PLAN}:ED.1/1`).lean();
  expect(target?.latest).toMatchObject({ update: second, status: 'confirmed' });
  expect(target?.confirmed).toMatchObject({ update: second, value: 47 });
  const told = await day('2027-01-06T09:32:00Z');
  expect(JSON.stringify(to(told.teams, '29:ann'))).toContain(
    'is signed off: 47% (● Green) as of 31 Dec 2026',
  );
  const status = await chat.say('29:dan', 'status of ED.1');
  expect(status).toContain('Latest: 47% as of 31 Dec 2026');
  expect(status).not.toContain('provisional');

  // Every decision is audited: two entries into the chain, two approvals, a return, a confirmation.
  const audited = await Audit.find({ event: 'sign-off' }).sort({ at: 1 }).lean();
  expect(audited.map((a) => a.summary)).toEqual([
    expect.stringContaining('sent for sign-off: step 1 of 2'),
    expect.stringContaining('approved at step 1 of 2'),
    expect.stringContaining(`returned at step 2 of 2, Policy team confirms: "${comment}"`),
    expect.stringContaining('sent for sign-off'),
    expect.stringContaining('approved at step 1 of 2'),
    expect.stringContaining('the figure is confirmed'),
  ]);
});

/** A Slack button click by `user` in their DM, on the message `ts`. */
const click = (user: string, actionId: string, value: string, ts = '222.2') => ({
  type: 'block_actions',
  team: { id: 'T1', domain: 'cycle' },
  user: { id: user, team_id: 'T1' },
  api_app_id: 'A1',
  token: 'x',
  trigger_id: `trig-${actionId}`,
  channel: { id: `D-${user}`, name: 'dm' },
  message: { ts, type: 'message', text: '' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
});
/** The return modal's submission, its comment as typed. */
const returnModal = (user: string, metadata: string, comment: string) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 'cycle' },
  user: { id: user, team_id: 'T1' },
  api_app_id: 'A1',
  token: 'x',
  trigger_id: 'trig',
  view: {
    id: 'V2',
    type: 'modal',
    callback_id: 'sign_off_return_comment',
    private_metadata: metadata,
    team_id: 'T1',
    state: { values: { comment: { comment: { type: 'plain_text_input', value: comment } } } },
  },
});
const callsAfter = (n: number, path: string, text: string) => () =>
  stub.calls.slice(n).find((c) => c.path === path && JSON.stringify(c.body).includes(text));

test('Slack: Red needs a corrective action; return from a modal, the form comes back filled, approve from a button', async () => {
  clock = new Date('2027-01-07T10:00:00Z');
  const meta = `${CYCLE}|${PLAN}:ED.1/2|D-USAM|111.1`;
  const red = {
    value: '3',
    asOf: '2026-12-31',
    rag: 'red',
    commentary: 'One school went into special measures.',
  };
  const noAction = await chat.slack(slackModalSubmission('USAM', meta, red));
  expect(JSON.parse(noAction.text)).toMatchObject({
    response_action: 'errors',
    errors: { correctiveAction: expect.stringContaining('A corrective action is required for Red') },
  });
  const action = 'A support plan with the diocese from February.';
  const sent = await chat.slack(slackModalSubmission('USAM', meta, { ...red, correctiveAction: action }));
  expect(sent.text).toContain('Provisional until signed off');
  const update = (await latestOf('ED.1/2'))?.update ?? '';
  expect(await Update.findById(update).lean()).toMatchObject({ correctiveAction: action, rag: 'red' });
  // The status card shows the corrective action under the figure.
  expect(await chat.say('29:dan', 'status of ED.1')).toContain(`Corrective action: ${action}`);

  await day('2027-01-07T10:01:00Z');
  expect(await execute('29:meg', 'signOffApprove', { update, step: '1' })).toContain(
    'Approved by Meg Manager',
  );
  const asked = await day('2027-01-07T10:02:00Z');
  const piaCard = JSON.stringify(asked.slack.filter((c) => c.body.channel === 'D-UPIA'));
  expect(piaCard).toContain('sign_off_return');
  expect(piaCard).toContain(`Corrective action:* ${action}`);

  // Not Sam's to approve: told so in his DM, nothing recorded.
  let n = stub.calls.length;
  await chat.slack(click('USAM', 'sign_off_approve', `${update}|2`));
  const refusal = await until(callsAfter(n, '/api/chat.postMessage', 'Only the policy team'));
  expect(refusal.body.channel).toBe('D-USAM');
  expect(await SignOff.countDocuments({ update })).toBe(2);

  // Pia returns it: the button opens the modal, an empty comment is refused beside the field.
  n = stub.calls.length;
  await chat.slack(click('UPIA', 'sign_off_return', `${update}|2`));
  await until(callsAfter(n, '/api/views.open', 'sign_off_return_comment'));
  const returnMeta = `${update}|2|D-UPIA|222.2`;
  const empty = await chat.slack(returnModal('UPIA', returnMeta, ''));
  expect(JSON.parse(empty.text)).toMatchObject({
    response_action: 'errors',
    errors: { comment: expect.stringContaining('Say why you are returning it') },
  });
  n = stub.calls.length;
  const comment = 'Give the name of the school, please.';
  const done = await chat.slack(returnModal('UPIA', returnMeta, comment));
  expect(done.text).toContain('Returned by Pia Policy');
  const marked = await until(callsAfter(n, '/api/chat.update', 'Returned by Pia Policy'));
  expect(marked.body).toMatchObject({ channel: 'D-UPIA', ts: '222.2' });
  expect(await latestOf('ED.1/2')).toMatchObject({ status: 'returned' });

  // Sam gets the comment; the form's button opens the modal filled with what he submitted.
  const back = await day('2027-01-07T10:03:00Z');
  const toSam = JSON.stringify(back.slack.filter((c) => c.body.channel === 'D-USAM'));
  expect(toSam).toContain(comment);
  expect(toSam).toContain('open_update');
  n = stub.calls.length;
  await chat.slack(click('USAM', 'open_update', `${CYCLE}|${PLAN}:ED.1/2`, '333.3'));
  const modal = JSON.stringify((await until(callsAfter(n, '/api/views.open', 'submit_update'))).body);
  expect(modal).toContain('"initial_value\\":\\"3\\"');
  expect(modal).toContain(`"initial_value\\":\\"${action}`);

  // Re-submitted: the chain starts again; both steps approve, the second from Slack's button.
  const again = await chat.slack(
    slackModalSubmission('USAM', meta, {
      ...red,
      commentary: 'St Mary’s went into special measures.',
      correctiveAction: action,
    }),
  );
  expect(again.text).toContain('Provisional until signed off');
  const second = (await latestOf('ED.1/2'))?.update ?? '';
  expect(second).not.toBe(update);
  await day('2027-01-07T10:04:00Z');
  expect(await execute('29:meg', 'signOffApprove', { update: second, step: '1' })).toContain('Approved');
  n = stub.calls.length;
  await chat.slack(click('UPIA', 'sign_off_approve', `${second}|2`, '444.4'));
  await until(callsAfter(n, '/api/chat.update', 'The figure is now confirmed'));
  expect(await latestOf('ED.1/2')).toMatchObject({
    update: second,
    status: 'confirmed',
    correctiveAction: action,
  });
  expect(await chat.say('29:pat', 'history of ED.1/2')).toContain('Returned to its owner');
});

test('a newer figure is provisional beside the latest confirmed one; a closed cycle takes no sign-off', async () => {
  const form = { cycle: CYCLE, target: `${PLAN}:ED.1/1`, value: '47', asOf: '2026-12-31' };
  clock = new Date('2027-01-07T11:00:00Z');
  await execute('29:ann', 'submitUpdate', { ...form, value: '48', asOf: '2027-01-06' });
  const both = await chat.say('29:dan', 'status of ED.1');
  expect(both).toContain('Latest (provisional, awaiting sign-off): 48% as of 6 Jan 2027');
  expect(both).toContain('Latest confirmed: 47% (● Green) as of 31 Dec 2026');
  const third = (await latestOf('ED.1/1'))?.update ?? '';
  // Meg is reminded two working days after her card (Thu → Mon), then each working day, once each.
  await day('2027-01-07T11:01:00Z');
  const reminded = await day('2027-01-11T09:01:00Z');
  expect(JSON.stringify(to(reminded.teams, '29:meg'))).toContain(
    'Reminder — Q3 2026/27: this update has waited for your sign-off since 7 Jan 2027 — step 1 of 2',
  );
  expect(to((await day('2027-01-11T15:00:00Z')).teams, '29:meg')).toHaveLength(0);
  expect(to((await day('2027-01-12T09:01:00Z')).teams, '29:meg')).toHaveLength(1);
  expect(await chat.say('29:pat', 'close cycle Q3 2026/27')).toContain(
    'Closed \\"Q3 2026/27\\" on 12 Jan 2027',
  );
  const before = await SignOff.countDocuments();
  expect(await execute('29:meg', 'signOffApprove', { update: third, step: '1' })).toContain(
    'Sign-offs are no longer taken through it',
  );
  expect(await SignOff.countDocuments()).toBe(before);
});

test('where each figure stands in the chain round-trips export → import → export, in every form', async () => {
  const exported = await exportPlan(PLAN);
  expect(exported.plan.signOff).toEqual([
    { step: 'Head of service approves', who: 'lineManager' },
    { step: 'Policy team confirms', who: 'role:policy' },
  ]);
  const statuses = exported.updates.map((u) => [u.target, u.value, u.status]);
  expect(statuses).toEqual([
    ['ED.1/1', 47, 'returned'],
    ['ED.1/1', 47, undefined],
    ['ED.1/2', 3, 'returned'],
    ['ED.1/2', 3, undefined],
    ['ED.1/1', 48, 'provisional'],
  ]);
  // Over the database it came from: nothing is written.
  const summary = await importPlan(exported, { by: 'pat@cycle.gov.uk' });
  expect(summary.changed).toBe(false);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gt-sign-off-export-'));
  for (const form of ['yaml', 'csv', 'xlsx']) {
    const file = path.join(dir, `plan.${form}`);
    await writePlanFile(file, exported);
    await db.reset();
    await importPlan(await readPlanFile(file, { maxBytes: 1 << 20 }), { by: 'pat@cycle.gov.uk' });
    expect(await exportPlan(PLAN)).toEqual(exported);
    // The target's figures stand as they did: the newest provisional, the confirmed one kept.
    const target = await Target.findById(`${PLAN}:ED.1/1`).lean();
    expect(target?.latest).toMatchObject({ value: 48, status: 'provisional' });
    expect(target?.confirmed).toMatchObject({ value: 47, status: 'confirmed' });
    expect(await SignOff.countDocuments({ decision: 'returned' })).toBe(2);
  }
});
