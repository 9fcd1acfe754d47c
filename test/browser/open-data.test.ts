import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { importPlan } from '../../services/plan/import';
import { planFileSchema } from '../../services/plan-file/schema';
import { importFixture, startTestBot } from '../support/bot-app';
import { launchChromium } from '../support/chromium';
import { useTestDatabase } from '../support/database';
import { ROOT } from '../support/processes';
import { PLAN, loadWelshPlan, welshPlanFile } from '../services/open-data/fixture';

// Issue 14, "Done when": the open-data page passes an automated accessibility check — axe-core in
// headless Chromium, WCAG 2.0/2.1/2.2 A and AA rules, zero violations — wide and at 320 px, with
// job titles off and on. Screenshots: test-results/open-data/ (not committed).
useTestDatabase();
const SHOTS = path.join(ROOT, 'test-results', 'open-data');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let bot: Awaited<ReturnType<typeof startTestBot>>;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

beforeAll(async () => {
  chromium = await launchChromium();
  await loadWelshPlan();
  bot = await startTestBot();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  bot?.close();
  await chromium?.close();
});

/** Opens the page at a width, runs axe with the WCAG tags, saves a full-page screenshot. */
async function audit(
  width: number,
  name: string,
  plan = PLAN,
): Promise<{ violations: Violation[]; page: Page }> {
  const page = await chromium.browser.newPage();
  // The page's policy allows no script; axe is the test's, injected past it.
  await page.setBypassCSP(true);
  // The page may be cached for five minutes (Cache-Control): each check reads it afresh.
  await page.setCacheEnabled(false);
  await page.setViewport({ width, height: 900 });
  const res = await page.goto(`${bot.base}/open-data/plans/${plan}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  await page.addScriptTag({ path: require.resolve('axe-core') });
  // Evaluated as text: the project's types are Node's, not the DOM's (as in playground.test.ts).
  const options = { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] };
  const result = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as {
    violations: Violation[];
  };
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  return { violations: result.violations, page };
}

/** How far the page is wider than the window, in CSS px: more than 0 means sideways scrolling. */
const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

const summary = (violations: Violation[]) =>
  violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

test.each([1280, 320])('no WCAG 2.2 AA violations at %i px wide, owners not shown', async (width) => {
  const { violations, page } = await audit(width, 'plan');
  expect(summary(violations)).toEqual([]);
  // Nothing is wider than the window: no sideways scrolling at 320 px (WCAG 2.2 SC 1.4.10 Reflow).
  const overflow = await page.evaluate(OVERFLOW);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.close();
});

test('the skip link is the first thing a keyboard reaches, and it moves focus to the content', async () => {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 320, height: 900 });
  await page.goto(`${bot.base}/open-data/plans/${PLAN}`, { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  await page.close();
});

test.each([1280, 320])('no violations at %i px with job titles shown', async (width) => {
  await importPlan(planFileSchema.parse(welshPlanFile('jobTitle')), { by: 'policy@ynysmon.gov.uk' });
  const { violations, page } = await audit(width, 'plan-job-titles');
  expect(summary(violations)).toEqual([]);
  expect(await page.evaluate('document.body.innerText')).toContain('Pennaeth Addysg');
  await page.close();
});

test.each([1280, 320])(
  'the Leicester plan (every row, "XX%" targets, no figures yet) has no violations at %i px',
  async (width) => {
    await importFixture('plans/leicester-2003.yaml');
    const { violations, page } = await audit(width, 'leicester', 'leicester-2003');
    expect(summary(violations)).toEqual([]);
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await page.close();
  },
);
