import { Priority } from '../../../models';
import { pickPriorities } from '../../../services/answers/pick';
import { PlanCatalogue } from '../../../services/plan/snapshot';
import { startTeamsTestBot, type TeamsTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Issue 12 (6): Teams pages the message extension's results with queryOptions.skip/count (25 a
// page); every result must be reachable by scrolling, each once.
useTestDatabase();
let bot: TeamsTestBot;
let connector: TeamsTestBot['connector'];

beforeAll(async () => {
  bot = await startTeamsTestBot('plans/leicester-2003.yaml');
  ({ connector } = bot);
});
afterAll(() => bot.close());

let seq = 0;
/** One page of the picker, as Teams asks for it: the preview titles of the results. */
async function page(parameters: { name: string; value: string }[], skip: number, count = 25) {
  const res = await fetch(`${bot.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'composeExtension/query',
      id: `query-${++seq}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:ann', name: 'Ann Owner' },
      recipient: { id: '28:bot', name: 'Golden Thread' },
      conversation: { id: 'a:dm-ann', conversationType: 'personal' },
      value: { commandId: 'searchPlan', parameters, queryOptions: { skip, count } },
    }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    composeExtension: { type: string; attachments: { preview: { content: { title: string } } }[] };
  };
  expect(body.composeExtension.type).toBe('result');
  return body.composeExtension.attachments.map((a) => a.preview.content.title);
}

/** Pages 0, 25 and 50 of one query: disjoint, and together the whole result in order. */
async function pages(parameters: { name: string; value: string }[]) {
  const [first, second, third] = [
    await page(parameters, 0),
    await page(parameters, 25),
    await page(parameters, 50),
  ];
  return { first, second, third, all: [...first, ...second, ...third] };
}

test('the first open (initialRun) pages through every priority of the plan, each once', async () => {
  const { first, second, third, all } = await pages([{ name: 'initialRun', value: 'true' }]);
  const priorities = await Priority.countDocuments({ plan: 'leicester-2003' });
  expect(priorities).toBe(37); // every priority row of the plan, the uncoded city-centre row among them
  expect([first.length, second.length, third.length]).toEqual([25, 12, 0]);
  expect(new Set(all).size).toBe(priorities);
  expect(first[0]).toMatch(/^D\.1 — /);
  expect(second.at(-1)).toBe('Cl. 5 — Improve access to Council, and other…'); // the plan's last
});

test('a search with more results than a page: pages 0/25/50 are disjoint and together the full result', async () => {
  const plan = await new PlanCatalogue().current();
  const full = pickPriorities(plan, 'improve', 1000).map((v) => v.code);
  expect(full.length).toBeGreaterThan(25);
  const { first, second, all } = await pages([{ name: 'query', value: 'improve' }]);
  expect(first).toHaveLength(25);
  expect(second.filter((t) => first.includes(t))).toEqual([]);
  expect(all.map((t) => t.split(' — ')[0])).toEqual(full);
});

test('a smaller count pages the same way; a page past the end is empty, not the first again', async () => {
  const initial = [{ name: 'initialRun', value: 'true' }];
  const tens = [await page(initial, 0, 10), await page(initial, 10, 10), await page(initial, 20, 10)];
  expect(tens.flat()).toEqual(
    await page(initial, 0, 25).then(async (p) => [...p, ...(await page(initial, 25, 5))]),
  );
  expect(await page(initial, 400)).toEqual([]);
  // Far past any plan's end (over the 10,000 the bot takes): an empty result, never page one again.
  expect(await page(initial, 1_000_000)).toEqual([]);
});
