import type { BotApp } from '../../../bot/app';
import { fits } from '../../../cards/fits';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { publishWorkshop } from '../../../services/workshop/publish';
import { workshopInvitation } from '../../../services/workshop/view';
import { importFixture, startTestBot } from '../../support/bot-app';
import { runDue } from '../../support/chat';
import { useTestDatabase } from '../../support/database';
import { startRecordingConnector } from '../../support/recording-connector';

// The broadcast status as the author gets it in Slack, over real HTTP (issue 12): an audience of
// 42 listed addresses was printed in full above the counts. The counts come first; the audience
// is one line naming the first three.
useTestDatabase();
let clock = new Date('2027-01-04T10:00:00Z');
let bot: BotApp;
let stub: Awaited<ReturnType<typeof startRecordingConnector>>;

beforeAll(async () => {
  await importFixture('test/fixtures/broadcast-people.yaml', 'pat@broadcast.gov.uk');
  stub = await startRecordingConnector();
  ({ bot } = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'status-secret',
      SLACK_API_URL: `${stub.url}/api/`,
    },
    { now: () => clock },
  ));
});
afterAll(async () => {
  bot.server.close();
  await stub.close();
});

test('the status of a broadcast to 42 listed addresses: counts first, the audience in one line', async () => {
  const links = new Links('https://bot.example', 'a-link-secret-for-tests');
  const list = [
    'ann@broadcast.gov.uk',
    'ben@broadcast.gov.uk',
    ...Array.from({ length: 40 }, (_, i) => `officer${i + 1}@broadcast.gov.uk`),
  ];
  await publishWorkshop(
    {
      id: 'budget-briefing',
      title: 'Budget briefing',
      starts: '2027-02-10 14:00',
      ends: '15:00',
      place: 'Town Hall',
      capacity: 30,
      audience: `list: ${list.join(', ')}`,
    },
    'pat@broadcast.gov.uk',
    {
      now: () => clock,
      log: createLogger('silent'),
      links,
      approvalOver: 500,
      fits,
      invitation: (_kind, subject) => workshopInvitation(subject, links),
    },
  );
  clock = new Date('2027-01-04T10:01:00Z');
  await runDue(bot, stub.calls); // the invitations
  clock = new Date('2027-01-04T10:02:00Z');
  const report = (await runDue(bot, stub.calls)).slack.filter((c) => c.body.channel === 'D-UPAT');
  expect(report).toHaveLength(1);
  const blocks = JSON.parse(String(report[0]?.body.blocks)) as Record<string, unknown>[];
  const counts = blocks.findIndex((b) => JSON.stringify(b).includes('*Sent*\\n2'));
  const audience = blocks.findIndex((b) => JSON.stringify(b).includes('To 2 people'));
  expect(counts).toBeGreaterThan(0);
  expect(audience).toBeGreaterThan(counts);
  expect(JSON.stringify(blocks[audience])).toContain(
    'To 2 people (list: ann@broadcast.gov.uk, ben@broadcast.gov.uk, officer1@broadcast.gov.uk and 39 more)',
  );
  expect(JSON.stringify(blocks)).not.toContain('officer2@broadcast.gov.uk');
});
