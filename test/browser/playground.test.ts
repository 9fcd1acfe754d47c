import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startPlayground, type Playground } from '../../scripts/playground';
import { launchChromium } from '../support/chromium';
import { useTestDatabase } from '../support/database';
import { ROOT, freePort, startBotOnTestDatabase, type Started } from '../support/processes';

// The newcomer's path, in a real browser: the bot (its own process, the demo data loaded into a
// fresh database), Microsoft's Teams emulator (the Agents Playground) pointed at it, and headless
// Chromium drawing the cards with the Teams renderer. Alex Wilber, the Playground's user, owns
// ED.1 in the demo and has ED.1/1 to report in its open monitoring cycle.
// Every step waits for what the person would wait for (a card with given text), never a set time.
// Screenshots of each step: test-results/playground/ (not committed).
useTestDatabase();
const SHOTS = path.join(ROOT, 'test-results', 'playground');
const STEP = 60_000;
const running: Started[] = [];
let bot: Started | undefined;
let playground: Playground | undefined;
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
let page: Page;
let playgroundLogs: string;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  chromium = await launchChromium(); // first: without Chromium, fail at once with how to get it
  const botPort = await freePort();
  // The demo as `npm start` loads it into an empty database; `always`, as this one is MongoDB's.
  bot = await startBotOnTestDatabase({ DEMO_PLAN: 'always', PORT: String(botPort) }, running);
  playgroundLogs = mkdtempSync(path.join(os.tmpdir(), 'gt-playground-'));
  playground = await startPlayground({
    botUrl: `http://127.0.0.1:${botPort}`,
    port: await freePort(),
    logFile: path.join(playgroundLogs, 'playground.log'),
  });
  page = await chromium.browser.newPage();
  page.setDefaultTimeout(STEP);
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await playground?.stop();
  for (const { child, exited } of running) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
  if (playgroundLogs) rmSync(playgroundLogs, { recursive: true, force: true });
}, 60_000);

const COMPOSE = '[role="textbox"][contenteditable="true"]';

// The page as the functions run in it see it. They are serialised into the page, so each reaches
// `document` itself; the project's types are Node's, not the DOM's.
interface Html {
  textContent: string | null;
  parentElement: Html | null;
  closest(selector: string): Html | null;
  querySelectorAll(selector: string): ArrayLike<Html>;
}

/** A screenshot of the step, named for it. */
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** The text of every card in the conversation (not one being composed), oldest first. */
const chatCards = () =>
  page.$$eval('.ac-adaptiveCard', (cards) =>
    cards.filter((c) => !c.closest('[contenteditable="true"]')).map((c) => c.textContent ?? ''),
  );

/** Waits until some card in the conversation says `text`; resolves with that card's text. */
async function cardSaying(text: string, after = 0): Promise<string> {
  await page.waitForFunction(
    (wanted, from) =>
      Array.from((globalThis as unknown as { document: Html }).document.querySelectorAll('.ac-adaptiveCard'))
        .filter((c) => !c.closest('[contenteditable="true"]'))
        .slice(from)
        .some((c) => c.textContent?.includes(wanted)),
    {},
    text,
    after,
  );
  return (await chatCards()).slice(after).find((c) => c.includes(text)) ?? '';
}

/** Types a message into the compose box and sends it; resolves with the bot's answering card. */
async function say(text: string, answer: string): Promise<string> {
  const before = (await chatCards()).length;
  await page.click(COMPOSE);
  await page.type(COMPOSE, text);
  await page.click('[aria-label="Send Message"]');
  return cardSaying(answer, before);
}

/** A card's button, found by its label and text in the card around it. */
async function button(label: string, near: string): Promise<ElementHandle> {
  const handle = await page.waitForFunction(
    (wanted, context) =>
      Array.from(
        (globalThis as unknown as { document: Html }).document.querySelectorAll(
          `.ac-adaptiveCard button[aria-label="${wanted}"]`,
        ),
      ).find((b) => {
        // Up from the button while its ancestors hold no other button of the same label.
        for (let e = b.parentElement; e; e = e.parentElement) {
          if (e.querySelectorAll(`button[aria-label="${wanted}"]`).length > 1) return false;
          if (e.textContent?.includes(context)) return true;
        }
        return false;
      }),
    {},
    label,
    near,
  );
  return handle as unknown as ElementHandle;
}

/** The date picker's button for today, London time: "30, November, 2026". */
function todayLabel(): string {
  const part = (type: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    })
      .formatToParts(new Date())
      .find((p) => p.type === type)?.value;
  return `${part('day')}, ${part('month')}, ${part('year')}`;
}

/** Runs the steps, keeping a screenshot of the page as it was when one failed. */
async function steps(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    await shot('failed').catch(() => undefined);
    const tail = (lines: string[]) => lines.slice(-20).join('\n');
    throw new Error(
      `${(error as Error).message}\n--- Playground ---\n${tail(playground?.output ?? [])}\n--- bot ---\n${tail(
        (bot?.logs ?? []).map((l) => JSON.stringify(l)),
      )}\n${tail(bot?.stderr ?? [])}`,
    );
  }
}

test(
  'in the Teams emulator: ask, press a card button, search the plan, open and submit an update',
  () =>
    steps(async () => {
      if (!playground) throw new Error('the Playground did not start');
      await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('::-p-text(Type a message...)');
      await page.waitForSelector(COMPOSE);
      // Installing the app sends the welcome: the help card, with suggestion buttons.
      await cardSaying('Ask me about the corporate plan');
      await shot('01-welcome');

      // A card button: a suggestion on the help card is asked as if typed (first: the emulator drops
      // cards scrolled far out of view from the page, and the welcome card soon is).
      // The demo has five plans (Leicester's and its linked service, team and objectives plans), so
      // the help card's first suggestion is "which plans?".
      await (await button('which plans?', 'Ask me about the corporate plan')).click();
      const plans = await cardSaying('School Improvement');
      expect(plans).toContain('Interim Corporate Plan');
      await shot('03-card-button');

      // Asking.
      const status = await say('status of ED.1', 'Raise attainment of all pupils.');
      expect(status).toContain('40.7%');
      expect(status).toContain('46%');
      // Each RAG says why, in one line (issue 13): the demo's ED.1/1 against its 2004 interim figure.
      expect(status).toMatch(/(Green|Amber|Red): [\d.]+% against the 2004 interim target of 46%/);
      await shot('02-status-of-ED.1');

      // The message extension: search, pick, and the priority card goes into the conversation.
      await page.click('[aria-label="Trigger Message Extension App"]');
      await page.click('::-p-text(Search Command)');
      await page.type('input[placeholder="Enter a search term"]', 'ED.1');
      const result = await page.waitForSelector(
        '::-p-xpath(//h1[starts-with(normalize-space(.), "ED.1 — Raise attainment")])',
      );
      await shot('04-message-extension-results');
      const before = (await chatCards()).length;
      await result!.click();
      await page.waitForSelector(`${COMPOSE} .ac-adaptiveCard`);
      await page.click('[aria-label="Send Message"]');
      const inserted = await cardSaying('Raise attainment of all pupils.', before);
      expect(inserted).toContain('40.7%');
      await shot('05-message-extension-sent');

      // Line of sight (issue 15): Alex's objectives in the demo's linked plans, up to a Leicester aim.
      // (After the card-button step: long cards scroll the welcome card out of the emulator's view,
      // which then drops it from the page.)
      const sight = await say('what do I contribute to?', 'What you contribute to');
      expect(sight).toContain('Strategic aim ED: Education');
      await shot('05b-what-do-I-contribute-to');

      // Its history: every update, and the chart of actuals against the profile, drawn.
      const history = await say('history of ED.1/1', 'History · ED.1');
      expect(history).toMatch(/as of \d{1,2} \w{3,4} \d{4}/);
      const chart = await page.waitForSelector('img[alt^="Line chart of the figures reported for ED.1/1"]');
      await page.waitForFunction(
        (img) =>
          (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (img as unknown as { naturalWidth: number }).naturalWidth > 300,
        {},
        chart,
      );
      await shot('05c-history-of-ED.1-1');

      // An update form, opened on demand: "my targets" → Update this target (Action.Execute).
      const mine = await say('my targets', 'Your targets');
      expect(mine).toContain('to report by');
      await shot('06-my-targets');
      await (await button('Update this target', 'ED.1 — To increase the percentage')).click();
      await cardSaying('Submit update');
      await shot('07-update-form');

      const form = await button('Submit update', 'please report on this target');
      const card = (await form.evaluateHandle((b) => b.closest('.ac-adaptiveCard'))) as ElementHandle;
      await (await card.waitForSelector('input[aria-required="true"]:not([role])'))!.type('47.5');
      // Input.Date is a Fluent date picker: open it, then press the day.
      await (await card.waitForSelector('input[aria-label="Select a date..."]'))!.click();
      await (await page.waitForSelector(`button[aria-label="${todayLabel()}"]`))!.click();
      await (await card.waitForSelector('textarea'))!.type('Provisional results; revision clinics helped.');
      await shot('08-update-form-filled');
      await form.click();
      const submitted = await cardSaying('Submitted by Alex Wilber');
      expect(submitted).toContain('update submitted');
      expect(submitted).toContain('47.5%');
      await shot('09-update-submitted');
    }),
  240_000,
);
