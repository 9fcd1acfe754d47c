import type { BotApp } from '../../../bot/app';
import { ALREADY_DONE } from '../../../bot/teams/teams-bot';
import { Receipt, Update } from '../../../models';
import { openCycle } from '../../../services/cycle/open';
import { startTestBot } from '../../support/bot-app';
import { runDue, startCycleChat, type CycleChat } from '../../support/chat';
import { useTestDatabase } from '../../support/database';

// Issue 12 (3): the Bot Connector delivers an activity again, with the same id, when the bot was
// slow to answer. Each delivery is handled once — on any instance — keyed by its conversation, type
// (and invoke name) and id; an activity without an id is handled every time.
useTestDatabase();
const clock = new Date('2027-01-05T10:00:00Z');
let bot: BotApp;
let stub: CycleChat['stub'];
let chat: CycleChat['chat'];
/** A second instance of the bot on the same database, as behind a load balancer. */
let other: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  ({ bot, stub, chat } = await startCycleChat('redelivery-secret', () => clock));
  other = await startTestBot({}, { now: () => clock });
  await openCycle(
    {
      plan: 'cycle-borough',
      name: 'Q3 2026/27',
      opensOn: '2027-01-04',
      dueOn: '2027-01-15',
      by: 'pat@cycle.gov.uk',
    },
    clock,
  );
  await runDue(bot, stub.calls);
});
afterAll(async () => {
  bot.server.close();
  other.close();
  await stub.close();
});

/** Posts the same activity (same id) as often as asked, to one instance or the other. */
const post = (body: Record<string, unknown>, base?: string) =>
  base
    ? fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json().catch(() => undefined)) as unknown,
      }))
    : chat.postTeams(body);

/** The bot's messages into a conversation since `before` (replies and new messages, not updates). */
const messagesTo = (conversation: string, before: number) =>
  stub.calls
    .slice(before)
    .filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${conversation}/activities`));

test('the same message delivered twice — one after the other, or both at once — is answered once', async () => {
  const before = stub.calls.length;
  const message = chat.activity('29:ann', { id: 'twice-1', text: 'status of ED.1' });
  expect((await post(message)).status).toBe(200);
  expect((await post(message)).status).toBe(200);
  const together = chat.activity('29:ann', { id: 'twice-2', text: 'help' });
  await Promise.all([post(together), post(together)]);
  const replies = messagesTo('a:dm-29:ann', before);
  expect(replies.map((c) => c.path)).toEqual([
    '/v3/conversations/a:dm-29:ann/activities/twice-1',
    '/v3/conversations/a:dm-29:ann/activities/twice-2',
  ]);
});

test('the same id in another conversation, or of another type, is another delivery', async () => {
  const before = stub.calls.length;
  await post(chat.activity('29:meg', { id: 'twice-1', text: 'help' }));
  expect(messagesTo('a:dm-29:meg', before)).toHaveLength(1);
  const search = {
    type: 'invoke',
    name: 'composeExtension/query',
    value: { parameters: [{ name: 'query', value: 'ED.1' }], queryOptions: { skip: 0, count: 5 } },
  };
  const found = await post(chat.activity('29:meg', { id: 'twice-1', ...search }));
  expect(JSON.stringify(found.body)).toContain('ED.1 —');
  // A search changes nothing: a repeat of it is answered again, with the same results.
  expect(await post(chat.activity('29:meg', { id: 'twice-1', ...search }))).toEqual(found);
});

test('an activity without an id (some local tools send none) is answered every time', async () => {
  const before = stub.calls.length;
  const { id: _none, ...message } = chat.activity('29:dan', { text: 'help' });
  await post(message);
  await post(message);
  expect(messagesTo('a:dm-29:dan', before)).toHaveLength(2);
});

test('the same submitUpdate invoke twice: one update stored, the same card both times, the card updated once', async () => {
  const before = stub.calls.length;
  const submit = chat.activity('29:ann', {
    id: 'submit-once',
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'form-card-1',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'submitUpdate',
        data: {
          cycle: 'cycle-borough:q3-2026-27',
          target: 'cycle-borough:ED.1/1',
          value: '47',
          asOf: '2026-12-31',
        },
      },
      trigger: 'manual',
    },
  });
  const first = await post(submit);
  const again = await post(submit);
  expect(first.status).toBe(200);
  expect(JSON.stringify(first.body)).toContain('Submitted by Ann Owner');
  expect(again).toEqual(first); // not "Already recorded": the repeat is the same delivery
  expect(await Update.countDocuments({ target: 'ED.1/1' })).toBe(1);
  const updates = stub.calls
    .slice(before)
    .filter((c) => c.method === 'PUT' && c.path.includes('form-card-1'));
  expect(updates).toHaveLength(1);
});

test('a repeat reaching another instance is not handled again there: no second reply, nothing stored twice', async () => {
  const before = stub.calls.length;
  const message = chat.activity('29:pat', { id: 'across-1', text: 'help' });
  await post(message);
  expect((await post(message, other.base)).status).toBe(200);
  expect(messagesTo('a:dm-29:pat', before)).toHaveLength(1);

  const submit = chat.activity('29:ann', {
    id: 'across-2',
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'form-card-2',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'submitUpdate',
        data: {
          cycle: 'cycle-borough:q3-2026-27',
          target: 'cycle-borough:ED.1/1',
          value: '48',
          asOf: '2026-12-31',
        },
      },
    },
  });
  expect(JSON.stringify((await post(submit)).body)).toContain('Submitted by Ann Owner');
  // The other instance has no answer to give: the card stays as it is, with a line saying why.
  expect((await post(submit, other.base)).body).toEqual({
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: ALREADY_DONE,
  });
  expect(await Update.countDocuments({ target: 'ED.1/1' })).toBe(2); // 47, then 48
  expect(stub.calls.slice(before).filter((c) => c.method === 'PUT')).toHaveLength(1);
});

test('the welcome for being added to a conversation is sent once however often it is delivered', async () => {
  const before = stub.calls.length;
  const added = chat.activity('29:ann', {
    id: 'added-1',
    type: 'conversationUpdate',
    conversation: { id: '19:team-chat@thread.v2', conversationType: 'groupChat', isGroup: true },
    membersAdded: [{ id: '28:bot', name: 'Golden Thread' }],
  });
  await post(added);
  await post(added);
  const welcome = messagesTo('19:team-chat@thread.v2', before);
  expect(welcome).toHaveLength(1);
  expect(JSON.stringify(welcome[0]?.body)).toContain('Ask me about the corporate plan');
});

test('each handled delivery leaves one receipt; searches leave none', async () => {
  const keys = (await Receipt.find({}, { _id: 1 }).lean()).map((r) => String(r._id));
  expect(keys.filter((k) => k.includes('"twice-1"'))).toEqual([
    'teams:["msteams","a:dm-29:ann","message","","twice-1"]',
    'teams:["msteams","a:dm-29:meg","message","","twice-1"]',
  ]);
  expect(keys.filter((k) => k.includes('submit-once'))).toEqual([
    'teams:["msteams","a:dm-29:ann","invoke","adaptiveCard/action","submit-once"]',
  ]);
});
