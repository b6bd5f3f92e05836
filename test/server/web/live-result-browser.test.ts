// The result page of a running build in a real chromium: it follows the build by itself (new
// output, new steps, then the finished result) with no reload; without scripts it still says the
// build runs. Each wait is for something the page must show next, with no time limit of its own.
import test from 'ava';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { collectDialogs, DESKTOP, openBrowserPage, PHONE, saveScreenshot, waitForText } from './browser-helpers.ts';
import { findSeriousViolations } from './check-accessibility.ts';

const RUNNING_OUTPUT = '#running-step pre.live-log[data-stream="output"]';

test.serial('the page of a running build shows output as it comes, adds finished steps, and turns into the result without a reload', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.appendOutput(begun.updateToken, 0, 'output', 'checking for cc... yes\n');

  const page = await openBrowserPage(t, { viewport: DESKTOP });
  const dialogs = collectDialogs(page);
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(new URL(`results/${begun.resultKey}`, url).href);
  await waitForText(page, '.live-notice', 'New steps and output appear here as they come');
  t.is(await page.locator('h1 .badge').innerText(), 'running');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), 'checking for cc... yes\n');

  await live.appendOutput(begun.updateToken, 0, 'output', '<img src=x onerror=alert(1)> \u001b[1mbold\u001b[0m\n');
  await waitForText(page, RUNNING_OUTPUT, 'bold');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), 'checking for cc... yes\n<img src=x onerror=alert(1)> bold\n', 'streamed text stays text');

  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: 'checking for cc... yes\n' }));
  await waitForText(page, '#step-1 h3', 'configure');
  t.is(await page.locator('#running-step .step-number').innerText(), '2', 'the running card moves on to the next step');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), '');

  await live.appendOutput(begun.updateToken, 1, 'errout', 'test_math.c:3: assertion failed\n');
  await waitForText(page, '#running-step pre.live-log[data-stream="errout"]', 'assertion failed');
  t.true(await page.locator('#running-step pre.live-log[data-stream="errout"]').isVisible(), 'errout shows once there is some');
  await saveScreenshot(page, 'live-result-running');

  await live.addStep(begun.updateToken, makeStep({ name: 'test', status: 1, errout: 'test_math.c:3: assertion failed\n' }));
  await live.finishBuild(begun.updateToken, makeClientInfo({ success: false }));
  await waitForText(page, '.first-failure', 'Failed at step 2 of 2');
  t.is(await page.locator('h1 .badge').innerText(), 'fail');
  t.is(await page.locator('.first-failure').innerText(), 'Failed at step 2 of 2: test (exit status 1)');
  t.is(await page.locator('#running-step').count(), 0);
  t.is(loads, 1, 'the page was never reloaded');
  t.deepEqual(dialogs, [], 'no markup from the log ran');
});

test.serial('without scripts, the page of a running build shows what was sent when it loaded and says the build runs', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('xmlrpc', url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.addStep(begun.updateToken, makeStep({ name: 'configure' }));
  await live.appendOutput(begun.updateToken, 1, 'output', 'compiling widget.c\n');

  const page = await openBrowserPage(t, { viewport: PHONE, javaScriptEnabled: false });
  await page.goto(new URL(`results/${begun.resultKey}`, url).href);
  t.is(await page.locator('.live-notice').innerText(), 'This build is running: step 2 is in progress. Reload the page to see how far it got.');
  t.is(await page.locator('#step-1 h3').innerText(), 'configure');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), 'compiling widget.c\n');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.serial(`a running build's page and the dashboard listing it pass axe-core in ${colorScheme} mode`, async (t) => {
    const { url } = await startTestServer(t);
    const live = createLiveClient('json', url);
    const begun = await live.beginBuild(makeClientInfo());
    await live.addStep(begun.updateToken, makeStep({ name: 'configure' }));
    await live.appendOutput(begun.updateToken, 1, 'output', 'compiling widget.c\n');
    const page = await openBrowserPage(t, { viewport: DESKTOP, colorScheme, bypassCSP: true });
    for (const path of [`results/${begun.resultKey}`, '']) {
      await page.goto(new URL(path, url).href);
      t.deepEqual(await findSeriousViolations(page), [], `/${path}`);
    }
  });
}
