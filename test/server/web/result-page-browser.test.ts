// The result page as people use it, in a real chromium: what failed is on the first screen of
// a laptop and of a phone, logs show their colours and can be linked and scrolled by keyboard,
// and axe-core finds no serious accessibility problem in light or dark mode.
import test from 'ava';
import type { Locator, Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.ts';
import { collectDialogs, DESKTOP, openBrowserPage, PHONE, saveScreenshot } from './browser-helpers.ts';
import { findSeriousViolations } from './check-accessibility.ts';
import { addFailingBuild, FAILING_TESTS, HOSTILE_LINE, LINK_TEXT } from './failing-build.ts';

// Boxes are measured in fractions of a pixel; a scrolled-to element may start at -0.17.
async function isInFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y > -1 && box.y + box.height < viewport.height + 1 && box.x > -1 && box.x + box.width < viewport.width + 1;
}

function readComputedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => {
    const view = element.ownerDocument.defaultView!;
    return view.getComputedStyle(element).getPropertyValue(name);
  }, property);
}

for (const [device, viewport] of [['laptop', DESKTOP], ['phone', PHONE]] as const) {
  test.serial(`on a ${device}, the first screen names the failing step and the failing tests, each a link to its place`, async (t) => {
    const { url } = await startTestServer(t);
    const key = await addFailingBuild(url);
    const page = await openBrowserPage(t, { viewport });
    await page.goto(new URL(`results/${key}`, url).href);
    await saveScreenshot(page, `result-first-screen-${device}`, { firstScreen: true });

    const firstFailure = page.locator('.first-failure');
    t.is(await firstFailure.innerText(), 'Failed at step 4 of 4: npm test (exit status 1)');
    t.true(await isInFirstScreen(page, '.first-failure a'), 'the failing step is named without scrolling');
    t.true(await isInFirstScreen(page, 'ul.failing-tests li >> nth=0'), 'so is the first failing test');
    t.deepEqual(await page.locator('ul.failing-tests li a').allInnerTexts(), FAILING_TESTS.map((name) => `math › ${name}`));
    t.is(await page.locator('.allowed-failures').innerText(), 'Allowed to fail: lint');

    await firstFailure.locator('a').click();
    await page.waitForURL(/#step-4$/);
    t.true(await isInFirstScreen(page, '#step-4 h3'), 'the link brings the failing step into view');
    await page.locator('ul.failing-tests li a').nth(1).click();
    await page.waitForURL(/#step-4-test-2$/);
    t.true(await isInFirstScreen(page, '#step-4-test-2'));
  });
}

test.serial('log colours are rendered as classes, escape sequences leave nothing behind, markup stays text', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addFailingBuild(url);
  const page = await openBrowserPage(t, { viewport: DESKTOP });
  const dialogs = collectDialogs(page);
  await page.goto(new URL(`results/${key}`, url).href);
  const log = page.locator('#step-4 pre.log').first();
  const text = await log.innerText();
  t.false(/[\u001b\u0007]|\]8;;|\]0;/.test(text), 'no escape sequence or its remains');
  t.true(text.includes(`${LINK_TEXT} for why`), 'an OSC-8 link keeps its text');
  t.true(text.includes('progress 100%') && !text.includes('progress 10%'), 'a redrawn line shows as the terminal left it');
  t.true(text.includes(HOSTILE_LINE));
  t.is(await log.locator('a:not(.line-number)').count(), 0, 'no link comes from a log');
  t.is(await page.locator('script').count(), 0);
  t.is(await page.locator('main img').count(), 0);
  t.is(await page.locator('[style]').count(), 0, 'no inline style, which the CSP would refuse');

  const failedLine = page.locator('#step-4-L31 .ansi-red-fg');
  t.is(await failedLine.innerText(), '✘ adds two numbers');
  t.is(await readComputedStyle(failedLine, 'color'), 'rgb(207, 34, 46)');
  t.is(await readComputedStyle(failedLine, 'font-weight'), '700');
  t.deepEqual(dialogs, []);
  await saveScreenshot(page, 'result-colours');
});

test.serial('a log line has an anchor that opens its step and shows it; line numbers are not copied with the text', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addFailingBuild(url);
  const page = await openBrowserPage(t, { viewport: PHONE });
  // Step 2 passed, so its output is closed; line 250 is in the tail of its 300 lines.
  await page.goto(new URL(`results/${key}#step-2-L250`, url).href);
  const line = page.locator('#step-2-L250');
  t.true(await line.isVisible(), 'the closed output opens for its anchor');
  t.true((await line.innerText()).includes('added package-250@1.0.249'));
  t.is(await line.locator('a.line-number').getAttribute('href'), '#step-2-L250');
  t.is(await readComputedStyle(line.locator('a.line-number'), 'user-select'), 'none');
  t.is(await page.locator('#step-2 .output-cut').innerText(), '… 180 lines (6181 characters) not shown · see all');
  await saveScreenshot(page, 'result-line-anchor', { firstScreen: true });
});

test.serial('by keyboard: the skip link reaches the first failure, and a long log scrolls', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addFailingBuild(url);
  const page = await openBrowserPage(t, { viewport: DESKTOP });
  await page.goto(new URL(`results/${key}`, url).href);
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  t.true(await skip.evaluate((element) => element.ownerDocument.activeElement === element));
  t.true(await isInFirstScreen(page, 'a.skip-link'), 'the skip link shows when focused');
  await skip.press('Enter');
  await page.waitForURL(/#step-4$/);
  t.true(await isInFirstScreen(page, '#step-4 h3'));

  const log = page.locator('#step-4 pre.log').first();
  t.is(await log.getAttribute('tabindex'), '0');
  await log.focus();
  t.is(await log.evaluate((element) => element.scrollTop), 0);
  t.true(await log.evaluate((element) => element.scrollHeight > element.clientHeight), 'the log is taller than its box');
  await page.keyboard.press('PageDown');
  await page.waitForFunction((element) => element.scrollTop > 0, await log.elementHandle());
  t.true(await log.evaluate((element) => element.scrollTop > 0), 'PageDown scrolled the focused log');
});

test.serial('absolute times show on the page itself, not only in tooltips', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addFailingBuild(url);
  const page = await openBrowserPage(t, { viewport: PHONE });
  await page.goto(new URL(`results/${key}`, url).href);
  t.regex(await page.locator('.meta .absolute-time').innerText(), /^\(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
  t.true(await page.locator('.meta .absolute-time').isVisible());
  await page.goto(new URL('packages/widget', url).href);
  t.true(await page.locator('table.results .absolute-time').first().isVisible());
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of [['laptop', DESKTOP], ['phone', PHONE]] as const) {
    test.serial(`axe-core finds no serious problem on the pages, ${colorScheme} on a ${device}`, async (t) => {
      const { url } = await startTestServer(t);
      const key = await addFailingBuild(url);
      const page = await openBrowserPage(t, { viewport, colorScheme, bypassCSP: true });
      const paths = [`results/${key}`, '', 'packages/widget', `packages/widget/tests?suite=math&name=${encodeURIComponent(FAILING_TESTS[0]!)}`];
      for (const path of paths) {
        await page.goto(new URL(path, url).href);
        // Closed outputs hide their logs; open them all so their colours are checked too.
        await page.locator('details').evaluateAll((elements) => elements.forEach((element) => element.setAttribute('open', '')));
        t.deepEqual(await findSeriousViolations(page), [], `/${path}`);
        await saveScreenshot(page, `axe-${colorScheme}-${device}-${path.split('?')[0]!.replaceAll('/', '-') || 'dashboard'}`);
      }
    });
  }
}

test.serial('history links on the package and test pages are at least 24 px and have names', async (t) => {
  const { url } = await startTestServer(t);
  await addFailingBuild(url);
  await addFailingBuild(url);
  const page = await openBrowserPage(t, { viewport: PHONE });
  for (const path of ['packages/widget', `packages/widget/tests?suite=math&name=${encodeURIComponent(FAILING_TESTS[0]!)}`]) {
    await page.goto(new URL(path, url).href);
    const points = page.locator('a.point');
    t.is(await points.count(), 2, path);
    const [first, second] = [(await points.nth(0).boundingBox())!, (await points.nth(1).boundingBox())!];
    t.true(first.height >= 24, `${path}: ${first.height} px high`);
    t.true(second.x - first.x >= 24, `${path}: ${second.x - first.x} px apart`);
    t.regex((await points.nth(0).getAttribute('aria-label')) ?? '', /^#\d+ fail · /);
  }
});
