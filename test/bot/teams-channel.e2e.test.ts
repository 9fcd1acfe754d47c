import type { BotApp } from '../../bot/app';
import { useTestDatabase } from '../support/database';
import { chatClient, runDue } from '../support/chat';
import { startRecordingConnector } from '../support/recording-connector';
import { importFixture, startTestBot } from '../support/bot-app';

// A Teams channel as the audience: its members are paged from the Bot Connector, matched to the
// plan's people by Teams id or email, and a guest the bot has never talked to gets a 1:1 chat
// created for the message.
useTestDatabase();
const CHANNEL = '19:policy-forum@thread.tacv2';
let clock = new Date('2027-01-04T09:00:00Z');
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/consultation-plan.yaml', 'pat@consult.gov.uk');
  stub = await startRecordingConnector((method, path) => {
    if (method !== 'GET' || !path.startsWith(`/v3/conversations/${CHANNEL}/pagedmembers`)) return undefined;
    // Two pages, as the connector gives them, the second one holding a repeat.
    return path.includes('continuationToken=page-2')
      ? {
          members: [
            { id: '29:guest', name: 'A Guest' },
            { id: '29:ann', name: 'Ann' },
          ],
        }
      : {
          members: [
            { id: '29:ann', name: 'Ann' },
            { id: '29:dee-teams', name: 'Dee', email: 'DEE@consult.gov.uk' },
          ],
          continuationToken: 'page-2',
        };
  });
  let base: string;
  ({ bot, base } = await startTestBot({ TEAMS_SERVICE_URL: stub.url }, { now: () => clock }));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

test("a Teams channel's members, each once; a guest's 1:1 chat is created", async () => {
  await chat.say('29:pat', 'hello');
  await chat.say('29:ann', 'hello');
  const consultation = {
    title: 'Policy forum pulse',
    summary: 'A quick pulse survey for the policy forum channel.',
    questions: 'rating: How useful is the forum?',
    closes: '2027-01-20',
    audience: `teams channel: ${CHANNEL}`,
  };
  const before = stub.calls.length;
  await chat.execute('29:pat', 'composeConsultation', { do: 'preview', ...consultation });
  expect(JSON.stringify(stub.calls.slice(before))).toContain(
    `It goes to 3 people (members of the Teams channel ${CHANNEL})`,
  );
  expect(await chat.execute('29:pat', 'composeConsultation', { do: 'send', ...consultation })).toContain(
    'Sending \\"Policy forum pulse\\" now',
  );

  const sent = await runDue(bot, stub.calls);
  const created = stub.calls.filter((c) => c.path === '/v3/conversations');
  expect(created.map((c) => (c.body.members as { id: string }[])[0]?.id).sort()).toEqual([
    '29:dee-teams',
    '29:guest',
  ]);
  const conversations = sent.teams.map((c) => c.path.split('/')[3]);
  expect(conversations.sort()).toEqual(['a:dm-29:ann', ...created.map((c) => c.answer?.id ?? '')].sort());
  // The guest is known now: the next message goes to the created chat, not a new one.
  clock = new Date('2027-01-18T17:00:00Z');
  const nudged = await runDue(bot, stub.calls);
  expect(
    nudged.teams.filter((c) => JSON.stringify(c.body).includes('Reminder: this consultation')),
  ).toHaveLength(3);
  expect(stub.calls.filter((c) => c.path === '/v3/conversations')).toHaveLength(2);
});
