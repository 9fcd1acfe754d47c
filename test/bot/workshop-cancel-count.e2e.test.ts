import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotApp } from '../../bot/app';
import { fits } from '../../cards/fits';
import { Delivery, Person } from '../../models';
import type { BroadcastFormDeps } from '../../services/broadcast/broadcast';
import { batchCounts } from '../../services/delivery/batch';
import { Links } from '../../services/links';
import { createLogger } from '../../services/log/logger';
import { publishWorkshop } from '../../services/workshop/publish';
import { workshopInvitation } from '../../services/workshop/view';
import { importFixture, startTestBot } from '../support/bot-app';
import { chatClient } from '../support/chat';
import { useTestDatabase } from '../support/database';
import type { Recorded } from '../support/recording-connector';

// A workshop invitation cancelled while it is going out, over real HTTP, against a Bot Connector
// that takes 300 ms to accept each message: the sends already on their way when the cancel comes
// still arrive, so they are counted apart in the cancel's answer, and the author is then told the
// final count — which must be what the connector accepted (issue 12: the status said 232 sent when
// 292 people had the invitation).
useTestDatabase();
const RECIPIENTS = 120;
let clock = new Date('2027-03-01T09:00:00Z');
let bot: BotApp;
let server: Server;
const calls: Recorded[] = [];
/** Messages the connector accepted, by conversation. */
const accepted = new Map<string, number>();
let inFlight = 0;
const links = new Links('http://localhost:3978', 'a-test-secret-of-some-length');
const deps: BroadcastFormDeps = {
  now: () => clock,
  log: createLogger('silent'),
  links,
  approvalOver: 1000,
  fits,
  invitation: (_kind, subject) => workshopInvitation(subject, links),
};
let chat: ReturnType<typeof chatClient>;

beforeAll(async () => {
  await importFixture('test/fixtures/consultation-plan.yaml', 'pat@consult.gov.uk');
  await Person.insertMany(
    Array.from({ length: RECIPIENTS }, (_, i) => ({
      _id: `officer${i}@consult.gov.uk`,
      name: `Officer ${i}`,
      roles: ['staff'],
      department: 'Outreach',
      teamsId: `29:officer${i}`,
    })),
  );
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const answer = (json: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      // Creating a 1:1 chat is quick; a message is accepted 300 ms after it arrives.
      if (req.method === 'POST' && path === '/v3/conversations') {
        const member = (body.members as { id: string }[] | undefined)?.[0]?.id ?? 'nobody';
        return answer({ id: `a:1on1-${member}`, activityId: 'created', serviceUrl: url() });
      }
      const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path)?.[1];
      if (req.method !== 'POST' || !conversation) return answer({});
      inFlight++;
      setTimeout(() => {
        inFlight--;
        accepted.set(conversation, (accepted.get(conversation) ?? 0) + 1);
        calls.push({ method: 'POST', path, body });
        answer({ id: `activity-${calls.length}` });
      }, 300);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ bot } = await startTestBot(
    { TEAMS_SERVICE_URL: url(), TEAMS_RATE_PER_SECOND: '20', LINK_SECRET: 'a-test-secret-of-some-length' },
    { now: () => clock },
  ));
  const base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  chat = chatClient({ base, connector: url(), calls });
});
// A failed test can leave sends going: stopped while the database is still there.
afterEach(() => bot.dispatcher.stop());
afterAll(async () => {
  bot.server.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}
/** Messages the officers (not the author) got. */
const officersReached = () =>
  [...accepted].filter(([conversation]) => conversation.startsWith('a:1on1-29:officer')).length;

test('a broadcast cancelled mid-send: what was on its way is counted apart, and the final count is what arrived', async () => {
  await chat.say('29:pat', 'hello'); // the author's chat, where the final count will go
  await publishWorkshop(
    {
      id: 'outreach-briefing',
      title: 'Outreach briefing',
      starts: '2027-03-16 10:00',
      ends: '11:00',
      place: 'Town Hall',
      capacity: 500,
      audience: 'department: Outreach',
    },
    'pat@consult.gov.uk',
    deps,
  );
  await bot.scheduler.runDue(); // queues one invitation per officer
  const draining = bot.dispatcher.drain();
  await until('invitations to be on the wire', () =>
    officersReached() >= 10 && inFlight >= 4 ? true : undefined,
  );

  const answer = await chat.say('29:pat', 'cancel broadcast workshop:outreach-briefing');
  const said = /: (\d+) not sent; (\d+) had gone, and (\d+) already on their way to Teams or Slack/.exec(
    answer,
  );
  expect(said).not.toBeNull();
  const [notSent, hadGone, onTheirWay] = (said ?? []).slice(1).map(Number) as [number, number, number];
  expect(onTheirWay).toBeGreaterThan(0);
  expect(answer).toContain('You will get the final count when they have gone');

  await draining;
  const counts = await until('every invitation to settle', async () => {
    await bot.dispatcher.drain();
    const c = await batchCounts('workshop:outreach-briefing');
    return c.pending === 0 ? c : undefined;
  });
  // Nothing the cancel stopped went; everything the connector accepted is recorded sent.
  expect(counts.sent).toBe(officersReached());
  expect(counts.sent + counts.cancelled).toBe(RECIPIENTS);
  expect(notSent).toBeLessThanOrEqual(counts.cancelled);
  expect(counts.sent).toBeLessThanOrEqual(hadGone + onTheirWay);

  // The author is told the final count, once, and it is the connector's.
  const report = await until('the final count', async () => {
    await bot.scheduler.runDue();
    await bot.dispatcher.drain();
    return calls.find(
      (c) => c.path.startsWith('/v3/conversations/a:dm-29:pat/') && JSON.stringify(c.body).includes('"Sent"'),
    );
  });
  const facts = Object.fromEntries(
    JSON.stringify(report.body)
      .match(/\{"title":"(Sent|Pending|Failed|Cancelled)","value":"[\d,]+"\}/g)
      ?.map((f) => JSON.parse(f) as { title: string; value: string })
      .map((f) => [f.title, Number(f.value.replace(/,/g, ''))]) ?? [],
  );
  expect(facts).toEqual({
    Sent: officersReached(),
    Pending: 0,
    Failed: 0,
    Cancelled: RECIPIENTS - officersReached(),
  });
  expect(JSON.stringify(report.body)).toContain('Cancelled');
  clock = new Date(clock.getTime() + 60 * 60_000);
  await bot.scheduler.runDue();
  await bot.dispatcher.drain();
  expect(await Delivery.countDocuments({ _id: 'report-cancelled:workshop:outreach-briefing' })).toBe(1);
});
