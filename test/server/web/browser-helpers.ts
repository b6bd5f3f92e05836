// A real browser for page tests: Debian's chromium driven by playwright-core. Screenshots go
// to test-artifacts/ (ignored by git) so a person can look at the pages a run produced.
import fs from 'node:fs';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.PONY_BUILD_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIRECTORY = path.resolve('test-artifacts');

/** A fresh page in a headless chromium that is closed when the test ends. */
export async function openBrowserPage(t: ExecutionContext): Promise<Page> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need chromium at ${CHROMIUM} (apt-get install chromium, or set PONY_BUILD_CHROMIUM)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  t.teardown(() => browser.close());
  // Phone-sized, since the pages must read well there.
  const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
  return context.newPage();
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIRECTORY, `${name}.png`), fullPage: true });
}
