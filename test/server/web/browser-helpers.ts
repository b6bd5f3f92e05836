// A real browser for page tests: Debian's chromium driven by playwright-core. Screenshots go
// to test-artifacts/ (ignored by git) so a person can look at the pages a run produced.
import fs from 'node:fs';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.PONY_BUILD_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIRECTORY = path.resolve('test-artifacts');

export interface BrowserPageOptions {
  /** Default phone-sized, 420x900, since the pages must read well there. */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Only for injecting axe-core: the site's CSP forbids inline scripts, as it should. */
  bypassCSP?: boolean;
  /** false shows the pages as a browser with scripts turned off sees them. */
  javaScriptEnabled?: boolean;
}

/** The sizes people read results on: a common laptop and a common phone. */
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** A fresh page in a headless chromium that is closed when the test ends. */
export async function openBrowserPage(t: ExecutionContext, options: BrowserPageOptions = {}): Promise<Page> {
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
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 420, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return context.newPage();
}

/** Resolves once the element holds the text; no time limit of its own, the test's catches a hang. */
export function waitForText(page: Page, selector: string, text: string): Promise<unknown> {
  return page.waitForFunction(
    ([target, expected]) => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
      return document.querySelector(target!)?.textContent?.includes(expected!) ?? false;
    },
    [selector, text],
    { timeout: 0 },
  );
}

/** The messages of every alert, confirm or prompt the page opens (each dismissed): none, when no script runs. */
export function collectDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** The whole page, or with `firstScreen` only what shows before any scrolling. */
export async function saveScreenshot(page: Page, name: string, { firstScreen = false } = {}): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIRECTORY, `${name}.png`), fullPage: !firstScreen });
}
