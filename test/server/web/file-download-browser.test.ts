// An uploaded HTML file, opened at its download address in a real chromium, never runs as a
// page of the server: it is an attachment, typed, nosniff, and sandboxed by its CSP.
import test from 'ava';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { collectDialogs, openBrowserPage } from './browser-helpers.ts';

test('opening the download address of an HTML artifact with a script saves it, and its script never runs', async (t) => {
  const { url } = await startTestServer(t);
  const [resultKey, authKey] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep()]]);
  const html = '<html><body><script>alert("ran on the server\'s origin")</script><img src=x onerror="alert(2)"></body></html>';
  const query = new URLSearchParams({ description: 'coverage', filename: 'index.html', auth_key: authKey as string, visible: 'yes' });
  t.is((await fetch(new URL(`upload?${query}`, url), { method: 'POST', body: html })).status, 200);

  const page = await openBrowserPage(t);
  const dialogs = collectDialogs(page);
  await page.goto(new URL(`results/${resultKey}`, url).href);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('ul.files a', { hasText: 'index.html' }).click()]);
  t.is(download.suggestedFilename(), 'index.html');

  // Going to the address itself (as a pasted link would) only starts a download too.
  const direct = page.waitForEvent('download');
  await page.goto(new URL(`results/${resultKey}/files/1/index.html`, url).href).catch((error: Error) => {
    t.regex(error.message, /Download is starting/);
  });
  t.is((await direct).suggestedFilename(), 'index.html');
  t.is(new URL(page.url()).pathname, `/results/${resultKey}`, 'the browser stayed on the result page');
  t.deepEqual(dialogs, []);
});
