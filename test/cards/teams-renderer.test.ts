import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { renderTeams } from '../../cards/teams/render';
import { startPlayground, type Playground } from '../../scripts/playground';
import { launchChromium } from '../support/chromium';
import { H, VIEWS } from '../support/hostile-views';
import { ROOT, freePort } from '../support/processes';

// Every kind of Teams card, with hostile user text in every field, drawn by the Teams renderer:
// the Microsoft 365 Agents Playground (Microsoft's local Teams emulator) renders cards with the
// adaptivecards renderer and Teams' own Markdown processor (links, emphasis, lists, HTML entities,
// `<…>` autolinks), in headless Chromium. Nothing the person typed may come out as markup.
// A small stand-in bot answers each message naming a view kind with that card (no database needed:
// what is tested is how the card is drawn). Screenshots: test-results/cards/ (not committed).
const SHOTS = path.join(ROOT, 'test-results', 'cards');
const STEP = 60_000;
let bot: Server;
let playground: Playground | undefined;
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
let page: Page;
let logs: string;

/** Answers a message naming a view kind with its card, in the conversation it came from. */
function startCardBot(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Not chained: restify, loaded by another test file in this worker, replaces
      // ServerResponse.prototype.writeHead with one that returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        type?: string;
        id?: string;
        text?: string;
        serviceUrl?: string;
        conversation?: { id: string };
        from?: object;
        recipient?: object;
      };
      const view = VIEWS[(activity.text ?? '').trim() as keyof typeof VIEWS];
      if (activity.type !== 'message' || !view || !activity.serviceUrl || !activity.conversation) return;
      const conversation = encodeURIComponent(activity.conversation.id);
      const url = `${activity.serviceUrl.replace(/\/$/, '')}/v3/conversations/${conversation}/activities/${encodeURIComponent(activity.id ?? '')}`;
      void fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          from: activity.recipient,
          recipient: activity.from,
          conversation: activity.conversation,
          replyToId: activity.id,
          attachments: [renderTeams(view)],
        }),
      });
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  chromium = await launchChromium(); // first: without Chromium, fail at once with how to get it
  bot = await startCardBot(await freePort());
  logs = mkdtempSync(path.join(os.tmpdir(), 'gt-cards-'));
  playground = await startPlayground({
    botUrl: `http://127.0.0.1:${(bot.address() as AddressInfo).port}`,
    port: await freePort(),
    logFile: path.join(logs, 'playground.log'),
  });
  page = await chromium.browser.newPage();
  page.setDefaultTimeout(STEP);
  await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(COMPOSE);
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await playground?.stop();
  await new Promise((resolve) => bot?.close(resolve));
  if (logs) rmSync(logs, { recursive: true, force: true });
}, 60_000);

const COMPOSE = '[role="textbox"][contenteditable="true"]';
// Markup the Teams Markdown processor can make (and a few it might): none may come from user text.
const MARKUP =
  'a, em, strong, b, i, u, s, del, ul, ol, li, code, pre, blockquote, h1, h2, h3, h4, h5, h6, img';

// The page as the functions run in it see it: the project's types are Node's, not the DOM's.
interface Html {
  textContent: string | null;
  outerHTML: string;
  closest(selector: string): Html | null;
  querySelectorAll(selector: string): ArrayLike<Html>;
}

/** Sends the kind's name; resolves with the card drawn in answer: its text and any markup in it. */
async function draw(kind: string): Promise<{ text: string; markup: string[] }> {
  // Cards in the conversation, not the one being composed. Serialised into the page, so it is
  // written out in each function rather than shared.
  const before = await page.evaluate(
    () =>
      Array.from(
        (globalThis as unknown as { document: Html }).document.querySelectorAll('.ac-adaptiveCard'),
      ).filter((c) => !c.closest('[contenteditable]')).length,
  );
  await page.click(COMPOSE);
  await page.type(COMPOSE, kind);
  await page.click('[aria-label="Send Message"]');
  await page.waitForFunction(
    (n) =>
      Array.from(
        (globalThis as unknown as { document: Html }).document.querySelectorAll('.ac-adaptiveCard'),
      ).filter((c) => !c.closest('[contenteditable]')).length > n,
    {},
    before,
  );
  const cards = await page.$$('.ac-adaptiveCard');
  const card = cards[cards.length - 1];
  if (!card) throw new Error(`no card was drawn for ${kind}`);
  await card.screenshot({ path: path.join(SHOTS, `${kind}.png`) });
  return card.evaluate(
    (c, markup) => ({
      text: c.textContent ?? '',
      markup: Array.from((c as unknown as Html).querySelectorAll(markup)).map((e) => e.outerHTML),
    }),
    MARKUP,
  );
}

test.each(Object.keys(VIEWS))(
  'the Teams renderer draws the %s card with user text as typed: no link, emphasis, list or HTML',
  async (kind) => {
    const { text, markup } = await draw(kind);
    expect(markup).toEqual([]);
    // Each hostile piece is on screen as typed (entities not decoded, tags not swallowed).
    for (const piece of [
      '[the Ofsted letter](https://evil.example/phish)',
      '**b**',
      '_i_',
      '<!channel>',
      '<@U123>',
      '<b>html</b>',
      '&amp;',
      'https://bare.example/x',
    ])
      expect(text).toContain(piece);
    expect(text).toContain(H);
  },
  STEP,
);
