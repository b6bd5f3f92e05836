// The pages in a real browser: what people click, with no script on the site.
import test from 'ava';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { addResult } from './page-helpers.ts';
import { collectDialogs, openBrowserPage, saveScreenshot } from './browser-helpers.ts';

const HOSTILE_LOG = '<script>alert("pwned")</script><img src=x onerror="alert(2)">\n';

async function seed(t: Parameters<typeof startTestServer>[0]): Promise<TestServer & { failing: number }> {
  const server = await startTestServer(t);
  await addResult(server.url, { package: 'alpha', success: true, tags: ['stable'] });
  await addResult(server.url, { package: 'widget', success: true });
  const longOutput = Array.from({ length: 300 }, (_, index) => `compiling unit ${index + 1}\n`).join('');
  const failing = await addResult(server.url, { package: 'widget', success: false }, [
    makeStep({ name: 'configure', output: longOutput }),
    makeStep({ name: 'test', type: 'test', status: 1, output: HOSTILE_LOG, errout: 'boom\n' }),
  ]);
  return { ...server, failing };
}

test.serial('the dashboard shows the failing tagset first and a click reaches its result', async (t) => {
  const { url, failing } = await seed(t);
  const page = await openBrowserPage(t);
  await page.goto(url);
  const firstRow = page.locator('tr.tagset').first();
  t.is(await firstRow.getAttribute('class'), 'tagset fail');
  t.true((await firstRow.innerText()).includes('widget'));
  t.true(await firstRow.locator('.flag').isVisible());
  await saveScreenshot(page, 'dashboard');

  await firstRow.locator('a.status').click();
  await page.waitForURL(`**/results/${failing}`);
  t.is(await page.locator('h1 .package').innerText(), 'widget');
  await saveScreenshot(page, 'result');

  await page.goto(new URL('packages/widget', url).href);
  t.true(await page.locator('.streak').first().isVisible());
  await saveScreenshot(page, 'package');
});

test.serial('a collapsed output opens on a click of its summary', async (t) => {
  const { url, failing } = await seed(t);
  const page = await openBrowserPage(t);
  await page.goto(new URL(`results/${failing}`, url).href);
  const output = page.locator('#step-1 details.stream').first();
  t.is(await output.getAttribute('open'), null);
  t.false(await output.locator('pre.output-head').isVisible());
  await output.locator('summary').click();
  t.not(await output.getAttribute('open'), null);
  t.true(await output.locator('pre.output-head').isVisible());
  t.true((await output.locator('pre.output-tail').innerText()).includes('compiling unit 300'));
  t.true(await output.locator('a', { hasText: 'see all' }).isVisible());
  await saveScreenshot(page, 'result-output-open');
});

test.serial('a build request from the page reaches check_should_build', async (t) => {
  const { url, failing } = await seed(t);
  const page = await openBrowserPage(t);
  await page.goto(new URL(`results/${failing}`, url).href);
  await page.getByRole('button', { name: 'Request a build of this tagset' }).click();
  await page.waitForURL(/build=requested/);
  t.true(await page.getByRole('status').isVisible());
  t.true((await page.getByRole('status').innerText()).includes('A build of this tagset was requested'));
  await saveScreenshot(page, 'result-build-requested');

  const answer = await createThirdPartyClient(url).call('check_should_build', [makeClientInfo({ package: 'widget' }), false, 0]);
  t.deepEqual(answer, [true, 'build requested']);
});

test.serial('a log containing a script stays text: visible, and nothing runs', async (t) => {
  const { url, failing } = await seed(t);
  const page = await openBrowserPage(t);
  const dialogs = collectDialogs(page);
  await page.goto(new URL(`results/${failing}`, url).href);
  const log = page.locator('#step-2 details.stream pre').first();
  t.true(await log.isVisible());
  t.true((await log.innerText()).includes('<script>alert("pwned")</script><img src=x onerror="alert(2)">'));
  t.is(await page.locator('script').count(), 0);
  t.is(await page.locator('main img').count(), 0);
  t.deepEqual(dialogs, []);
  await saveScreenshot(page, 'result-hostile-log');
});
