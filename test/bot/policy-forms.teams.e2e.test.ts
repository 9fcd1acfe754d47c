import type { BotApp } from '../../bot/app';
import { Audit, Cycle, Plan, Target, Workshop } from '../../models';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient, runDue } from '../support/chat';
import { useTestDatabase } from '../support/database';
import { startRecordingConnector } from '../support/recording-connector';

// Issue 15 (5), Teams: the policy team opens a monitoring cycle, publishes a workshop and edits a
// target from Adaptive Card forms (Action.Execute) over real HTTP, with no command line; errors come
// back beside their fields with what was typed kept; staff are refused; nothing is written on error.
useTestDatabase();
const clock = new Date('2027-01-04T10:00:00Z'); // Monday 4 January 2027, 10:00 London
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/policy-forms-plan.yaml', 'pat@forms.gov.uk');
  stub = await startRecordingConnector();
  const started = await startTestBot({ TEAMS_SERVICE_URL: '' }, { now: () => clock });
  bot = started.bot;
  chat = chatClient({ base: started.base, connector: stub.url, calls: stub.calls });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

type Node = Record<string, unknown>;
const nodes = (tree: unknown): Node[] =>
  Array.isArray(tree)
    ? tree.flatMap(nodes)
    : tree && typeof tree === 'object'
      ? [tree as Node, ...Object.values(tree).flatMap(nodes)]
      : [];
/** The card an invoke answered with. */
const cardOf = (answer: string) => (JSON.parse(answer) as { value: Node }).value;
/** The card of the last reply sent to the connector. */
function lastCard(reply: string): Node {
  const sent = JSON.parse(reply) as { body: { attachments?: { content: Node }[] } }[];
  const card = sent.at(-1)?.body.attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${reply.slice(0, 300)}`);
  return card;
}
/** The input `id` and what is shown in the same field container: its value and the text beside it. */
function field(card: Node, id: string): { value: unknown; beside: string } {
  const container = nodes(card).find(
    (n) =>
      n.type === 'Container' &&
      nodes(n.items).some((i) => i.id === id && String(i.type).startsWith('Input.')),
  );
  if (!container) throw new Error(`no field ${id}`);
  const input = nodes(container.items).find((i) => i.id === id);
  const runs = nodes(container.items).filter((n) => n.type === 'TextRun');
  return { value: input?.value, beside: runs.map((r) => String(r.text)).join(' | ') };
}
const executeData = (card: Node) =>
  (nodes(card.actions).find((a) => a.type === 'Action.Execute')?.data ?? {}) as Record<string, string>;
const texts = (card: Node) =>
  nodes(card)
    .filter((n) => n.type === 'TextRun')
    .map((n) => String(n.text))
    .join('\n');

const CYCLE = {
  plan: 'forms-borough',
  name: 'Q4 2026/27',
  scope: 'plan',
  remindDays: '5, 1',
  escalateDays: '1',
  meetingName: 'Cabinet',
  meetingOn: '2027-02-22',
};

test('opening a cycle from the card: a wrong field first, returned beside it, then opened and audited', async () => {
  const form = lastCard(await chat.say('29:pat', 'open a cycle'));
  expect(texts(form)).toContain('Open a monitoring cycle');
  expect(texts(form)).toContain('Forms Borough Council');
  expect(executeData(form)).toEqual({ plan: 'forms-borough' });
  expect(field(form, 'aim')).toBeDefined();

  // Due before it opens: the message sits under "Due on", and every typed value is kept.
  const wrong = cardOf(await chat.execute('29:pat', 'openCycle', { ...CYCLE, dueOn: '2027-01-01' }));
  expect(field(wrong, 'dueOn').beside).toContain('must be after the opening date');
  expect(field(wrong, 'dueOn').value).toBe('2027-01-01');
  expect(field(wrong, 'name').value).toBe('Q4 2026/27');
  expect(field(wrong, 'meetingName').value).toBe('Cabinet');
  expect(field(wrong, 'name').beside).toBe('');
  // A meeting named without its day, and an aim scope without the aim, likewise.
  const two = cardOf(
    await chat.execute('29:pat', 'openCycle', { ...CYCLE, scope: 'aim', meetingOn: '', dueOn: '2027-01-29' }),
  );
  expect(field(two, 'aim').beside).toContain('Choose the aim');
  expect(field(two, 'meetingOn').beside).toContain('Give the day the committee meets');
  expect(await Cycle.countDocuments()).toBe(0);

  const opened = texts(cardOf(await chat.execute('29:pat', 'openCycle', { ...CYCLE, dueOn: '2027-01-29' })));
  expect(opened).toContain('Opened "Q4 2026/27": 3 targets, 2 owners to ask.');
  expect(opened).toContain('Update requests go out Mon 4 Jan 2027, 09:00');
  expect(opened).toContain('reminders Fri 22 Jan 2027, 09:00 and Thu 28 Jan 2027, 09:00');
  expect(opened).toContain('escalation to line managers Mon 1 Feb 2027, 09:00');
  expect(opened).toContain('The report must be ready by 12 Feb 2027.');
  const cycle = await Cycle.findById('forms-borough:q4-2026-27').lean();
  expect(cycle).toMatchObject({ dueOn: '2027-01-29', meeting: { name: 'Cabinet', on: '2027-02-22' } });
  const audit = await Audit.findOne({ event: 'cycle-open' }).lean();
  expect(audit).toMatchObject({
    by: 'pat@forms.gov.uk',
    channel: 'teams',
    entityId: 'forms-borough:q4-2026-27',
  });

  // The same name again is refused beside the name.
  const again = cardOf(await chat.execute('29:pat', 'openCycle', { ...CYCLE, dueOn: '2027-01-29' }));
  expect(field(again, 'name').beside).toContain('already exists');
});

test('publishing a workshop from the card: a wrong field beside it, then invitations go out', async () => {
  await chat.say('29:ann', 'hello'); // Ann's Teams address is known, so her invitation can go
  const form = lastCard(await chat.say('29:pat', 'new workshop'));
  expect(texts(form)).toContain('New workshop');
  const values = {
    title: 'Priorities workshop [round one](https://evil.example/x)',
    description: 'Two hours on the draft priorities.',
    day: '2027-03-16',
    starts: '14:00',
    ends: '16:00',
    place: 'Town Hall, Committee Room 1',
    capacity: 'twenty',
    audience: 'list: ann@forms.gov.uk, sam@forms.gov.uk',
    remindDays: '7, 1',
  };
  const wrong = cardOf(await chat.execute('29:pat', 'publishWorkshop', values));
  expect(field(wrong, 'capacity').beside).toContain('a whole number');
  expect(field(wrong, 'title').value).toBe(values.title);
  const ends = cardOf(
    await chat.execute('29:pat', 'publishWorkshop', { ...values, capacity: '20', ends: '13:00' }),
  );
  expect(field(ends, 'ends').beside).toContain('must end after it starts');
  expect(await Workshop.countDocuments()).toBe(0);

  const done = cardOf(await chat.execute('29:pat', 'publishWorkshop', { ...values, capacity: '20' }));
  // The title as typed, never a link: every text is a TextRun (cards/teams/inert.ts).
  expect(texts(done)).toContain('Inviting 2 people');
  expect(texts(done)).toContain('"Priorities workshop [round one](https://evil.example/x)"');
  expect(nodes(done).some((n) => n.type === 'TextBlock')).toBe(false);
  expect(await Workshop.countDocuments()).toBe(1);
  const sent = await runDue(bot, stub.calls);
  expect(JSON.stringify(sent.teams)).toContain('Priorities workshop');
});

test('editing a target from the card: a bad figure refused beside it; a good edit shown, audited, one revision', async () => {
  const form = lastCard(await chat.say('29:pat', 'edit ED.1/1'));
  expect(texts(form)).toContain('Edit target ED.1/1');
  expect(field(form, 'text').value).toBe(
    'To increase the percentage of pupils achieving 5 GCSEs A*-C (BV 38).',
  );
  expect(field(form, 'interimValue').value).toBe('46');
  expect(field(form, 'owner').value).toBe('ann@forms.gov.uk');
  const { target, version } = executeData(form);
  expect(target).toBe('forms-borough:ED.1/1');
  const filled = Object.fromEntries(
    nodes(form)
      .filter((n) => String(n.type).startsWith('Input.') && typeof n.value === 'string' && n.value !== '')
      .map((n) => [String(n.id), String(n.value)]),
  );
  const revision = async () => (await Plan.findById('forms-borough').lean())?.revision;
  const before = await revision();

  const bad = cardOf(
    await chat.execute('29:pat', 'editTarget', {
      ...filled,
      target,
      version,
      interimText: '47%',
      interimValue: 'forty-seven',
    }),
  );
  expect(field(bad, 'interimValue').beside).toContain('Give the value as a number');
  expect(field(bad, 'interimValue').value).toBe('forty-seven');
  expect(field(bad, 'interimText').value).toBe('47%');
  // Two figures for one target, and an owner nobody in the plan is called: each beside its field.
  const two = cardOf(
    await chat.execute('29:pat', 'editTarget', {
      ...filled,
      target,
      version,
      finalRange: '48-52',
      owner: 'Nobody Here',
    }),
  );
  expect(field(two, 'finalValue').beside).toContain(
    'Give one of value, change or range: a figure means one thing.',
  );
  expect(field(two, 'owner').beside).toContain("No one called Nobody Here is in this plan's people");
  expect(await revision()).toBe(before);
  expect(await Audit.countDocuments({ entity: 'targets', channel: 'teams' })).toBe(0);
  expect((await Target.findById(target).lean())?.interim).toMatchObject({ text: '46%', value: 46 });

  const sentBefore = stub.calls.length;
  const saved = texts(
    cardOf(
      await chat.execute('29:pat', 'editTarget', {
        ...filled,
        target,
        version,
        interimText: '47%',
        interimValue: '47',
        owner: 'Sam Slack',
      }),
    ),
  );
  expect(saved).toContain('Saved ED.1/1: interim 46% → 47%; owner ann@forms.gov.uk → sam@forms.gov.uk.');
  // The priority's status card follows at once, with the new figure and owner.
  const status = JSON.stringify(stub.calls.slice(sentBefore));
  expect(status).toContain('47%');
  expect(status).toContain('Sam Slack');
  expect(await revision()).toBe((before ?? 0) + 1);
  const audit = await Audit.findOne({ entity: 'targets', entityId: target, channel: 'teams' }).lean();
  expect(audit).toMatchObject({
    by: 'pat@forms.gov.uk',
    channel: 'teams',
    action: 'change',
    before: { interim: { label: '2027', text: '46%', value: 46 }, owner: 'ann@forms.gov.uk' },
    after: { interim: { label: '2027', text: '47%', value: 47 }, owner: 'sam@forms.gov.uk' },
  });
  expect(JSON.stringify(lastCard(await chat.say('29:pat', 'status of ED.1')))).toContain('47%');

  // The same form sent again (a double click, or a form opened before the edit): nothing written twice.
  const stale = cardOf(
    await chat.execute('29:pat', 'editTarget', {
      ...filled,
      target,
      version,
      interimText: '48%',
      interimValue: '48',
    }),
  );
  expect(texts(stale)).toContain('Someone else changed ED.1/1 since this form was opened');
  expect(await revision()).toBe((before ?? 0) + 1);
  expect(await Audit.countDocuments({ entity: 'targets', channel: 'teams' })).toBe(1);
});

test('staff are refused every form, by typing and by a card; nothing changes', async () => {
  for (const ask of ['open a cycle', 'new workshop', 'edit ED.1/1'])
    expect(await chat.say('29:meg', ask)).toContain('Only the policy team can');
  const cycles = await Cycle.countDocuments();
  const refusedCycle = texts(
    cardOf(await chat.execute('29:meg', 'openCycle', { ...CYCLE, name: 'Staff cycle', dueOn: '2027-01-29' })),
  );
  expect(refusedCycle).toContain('Only the policy team can open monitoring cycles');
  const form = lastCard(await chat.say('29:pat', 'edit ED.1/2'));
  const refusedEdit = texts(
    cardOf(await chat.execute('29:meg', 'editTarget', { ...executeData(form), text: 'Hijacked' })),
  );
  expect(refusedEdit).toContain('Only the policy team can edit targets');
  expect(texts(cardOf(await chat.execute('29:meg', 'publishWorkshop', {})))).toContain(
    'Only the policy team can publish workshops',
  );
  expect(await Cycle.countDocuments()).toBe(cycles);
  expect((await Target.findById('forms-borough:ED.1/2').lean())?.text).toBe(
    'To reduce schools in special measures (BV48).',
  );
});

test('bad input never crashes: unreadable data, a missing target, huge and odd values', async () => {
  expect(texts(cardOf(await chat.execute('29:pat', 'openCycle', { plan: 42 })))).toContain('names no plan');
  expect(
    texts(cardOf(await chat.execute('29:pat', 'editTarget', { target: 'x', version: 'nope' }))),
  ).toContain('names no target');
  expect(
    texts(
      cardOf(
        await chat.execute('29:pat', 'editTarget', {
          target: 'forms-borough:XX.9/9',
          version: '0123456789abcdef',
        }),
      ),
    ),
  ).toContain('no longer in the plan');
  const odd = cardOf(
    await chat.execute('29:pat', 'openCycle', {
      plan: 'forms-borough',
      name: 'x'.repeat(50_000),
      scope: 'nonsense',
      dueOn: '2027-02-30',
      remindDays: '1e9, -3',
      constructor: 'x',
    }),
  );
  expect(field(odd, 'scope').beside).toContain('Choose the whole plan');
  expect(field(odd, 'name').value).toHaveLength(80);
  expect(await chat.say('29:pat', 'edit ZZ.9')).toContain("I couldn't find a target called ZZ.9");
  expect(await chat.say('29:pat', 'edit ED.1')).toContain('edit ED.1/1');
});
