import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Delivery, Identity, Job } from '../../models';
import { openCycle } from '../../services/cycle/open';
import { londonDate } from '../../services/cycle/working-days';
import { useTestDatabase } from '../support/database';
import { startBotOnTestDatabase, waitFor, type Started } from '../support/processes';
import { importFixture } from '../support/bot-app';

// Durable timing, proven with real processes: the bot is killed (SIGKILL) after a cycle's requests
// were scheduled and queued but before any was sent; two instances then start on the same
// database. Every request arrives exactly once.
useTestDatabase();
let platformUp = false;
const accepted: string[] = [];
let stub: Server;
let stubUrl: string;
const bots: Started[] = [];

beforeAll(async () => {
  stub = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!platformUp) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const url = decodeURIComponent(req.url ?? '');
      if (url.startsWith('/v3/conversations/') || url === '/api/chat.postMessage') accepted.push(url);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: `a-${accepted.length}`, ts: '1.1', channel: { id: 'D-dm' } }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  await importFixture('test/fixtures/cycle-plan.yaml');
  for (const who of ['ann', 'lou'])
    await Identity.create({
      _id: `teams:29:${who}`,
      platform: 'teams',
      userId: `29:${who}`,
      person: `${who}@cycle.gov.uk`,
      reference: {
        channelId: 'msteams',
        serviceUrl: stubUrl,
        conversation: { id: `a:dm-${who}`, conversationType: 'personal' },
        bot: { id: '28:bot' },
        user: { id: `29:${who}` },
      },
      seenAt: new Date(),
    });
});
afterAll(async () => {
  for (const b of bots) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  await new Promise((r) => stub.close(r));
});

function start(): Promise<Started> {
  return startBotOnTestDatabase(
    {
      SCHEDULER_INTERVAL_MS: '100',
      OUTBOX_INTERVAL_MS: '100',
      OUTBOX_CLAIM_TIMEOUT_MS: '1000',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: `${stubUrl}/api/`,
    },
    bots,
  );
}

test('killed between scheduling and sending, then restarted twice over: nothing lost, nothing repeated', async () => {
  const today = londonDate(new Date());
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await openCycle({ plan: 'cycle-borough', name: 'Restart test', opensOn: today, dueOn: due, by: 'test' });
  // The request is due at 09:00 on the opening day; make it due now, whatever the hour.
  await Job.updateMany({ kind: 'cycle-request' }, { $set: { at: new Date(Date.now() - 60_000) } });

  const first = await start();
  await waitFor('the requests to be queued', async () =>
    (await Delivery.countDocuments()) === 4 ? true : undefined,
  );
  await waitFor('a send to be refused', () => first.logs.find((l) => l.msg === 'Delivery will be retried'));
  first.child.kill('SIGKILL');
  await first.exited;
  expect(accepted).toEqual([]);
  expect(await Delivery.countDocuments({ status: 'pending' })).toBe(4);

  platformUp = true;
  await Promise.all([start(), start()]);
  await waitFor('every request to be sent', async () =>
    (await Delivery.countDocuments({ status: 'sent' })) === 4 ? true : undefined,
  );
  await new Promise((r) => setTimeout(r, 1500)); // time for a duplicate to show, were there one
  const teamsChats = accepted.map((u) => /^\/v3\/conversations\/([^/]+)\/activities/.exec(u)?.[1]);
  expect(teamsChats.filter(Boolean).sort()).toEqual(['a:dm-ann', 'a:dm-lou']);
  expect(accepted.filter((u) => u === '/api/chat.postMessage')).toHaveLength(2);
  expect(await Job.countDocuments({ kind: 'cycle-request', state: 'done' })).toBe(4);
});
