import type { BotApp } from '../../../bot/app';
import { chatClient, runDue } from '../../support/chat';
import { importFixture, startTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector } from '../../support/recording-connector';

// Someone who has only ever talked to the bot in a Teams channel is sent their own messages in a
// 1:1 chat created for them — never in the channel where everyone would read them.
useTestDatabase();
const CHANNEL = '19:housing-team@thread.tacv2';
const clock = new Date('2027-01-04T09:00:00Z');
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/consultation-plan.yaml', 'pat@consult.gov.uk');
  stub = await startRecordingConnector();
  let base: string;
  ({ bot, base } = await startTestBot({ TEAMS_SERVICE_URL: stub.url }, { now: () => clock }));
  chat = chatClient({ base, connector: stub.url, calls: stub.calls });
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

test('a person seen only in a channel gets their consultation in a new 1:1 chat, not the channel', async () => {
  await chat.say('29:pat', 'hello');
  const inChannel = { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel' };
  await chat.postTeams(
    chat.activity('29:cat', { text: '<at>Golden Thread</at> help', conversation: inChannel }),
  );

  const consultation = {
    title: 'Housing repairs survey',
    summary: 'Two questions on the repairs service.',
    questions: 'rating: How good is the repairs service?',
    closes: '2027-01-20',
    audience: 'list: cat@consult.gov.uk',
  };
  expect(await chat.execute('29:pat', 'composeConsultation', { do: 'send', ...consultation })).toContain(
    'Sending',
  );
  const sent = await runDue(bot, stub.calls);
  const created = stub.calls.filter((c) => c.path === '/v3/conversations');
  expect(created.map((c) => (c.body.members as { id: string }[])[0]?.id)).toEqual(['29:cat']);
  expect(sent.teams).toHaveLength(1);
  expect(sent.teams[0]?.path).toMatch(
    new RegExp(`^/v3/conversations/${created[0]?.answer?.id ?? '-'}/activities`),
  );
  expect(JSON.stringify(stub.calls)).not.toContain(`/v3/conversations/${encodeURIComponent(CHANNEL)}`);
});
