import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's chromium, CHROMIUM_PATH, or a `chromium` on the PATH. */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'chromium')),
  ];
  return candidates.find((file): file is string => !!file && existsSync(file));
}

/**
 * Headless Chromium through puppeteer-core, with a profile of its own that is removed on close.
 * Missing Chromium is a failure with the way to install it, never a skipped test. The flags keep
 * it off the network: this machine has none, and Chromium would otherwise keep knocking.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(
      [
        `The browser test needs Chromium and found none (CHROMIUM_PATH, /usr/bin/chromium, or chromium on the PATH).`,
        "Install Debian's: sudo apt-get install -y chromium (.ci/run does this), or set CHROMIUM_PATH to a",
        'Chromium or Chrome binary. Tools that download a browser of their own do not work offline.',
      ].join('\n'),
    );
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gt-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 1000 },
    // Dates in the page (the date picker's "today") as the bot reckons them: London time.
    env: { ...process.env, TZ: 'Europe/London' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
