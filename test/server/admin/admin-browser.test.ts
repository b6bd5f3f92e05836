// An admin in a real browser (Debian's chromium through playwright-core), on a server that takes
// writes only with client tokens: signing in, requesting a build, removing a result, flushing a
// tagset, signing out; and what an anonymous visitor sees instead of the buttons.
import test from 'ava';
import { EMPTY_SERVER_CONFIG } from '../../../server/config/types.ts';
import { createCoordinator } from '../../../server/index.ts';
import { countRows, openTestStore, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { openBrowserPage, saveScreenshot } from '../web/browser-helpers.ts';
import { addAdmin } from './admin-session.ts';

test('an admin signs in, requests a build, removes a result, flushes a tagset and signs out', async (t) => {
  const { url, db } = await startTestServer(t, { config: { ...EMPTY_SERVER_CONFIG, auth: { ...EMPTY_SERVER_CONFIG.auth, mode: 'tokens' } } });
  await addAdmin(db, 'alice', 'correct horse battery');
  const coordinator = createCoordinator(await openTestStore(t, db));
  const add = async (tags: string[]) => (await coordinator.addResults(makeClientInfo({ tags }), [makeStep()], { clientIp: '127.0.0.1' })).resultKey;
  const first = await add(['node20']);
  const second = await add(['node20']);
  await add(['node22']);

  const page = await openBrowserPage(t, { javaScriptEnabled: false });
  await page.goto(new URL(`results/${second}`, url).href);
  t.is(await page.locator('p.sign-in-to-act').innerText(), 'Sign in to request builds or remove results.');
  t.is(await page.getByRole('button', { name: 'Request a build of this tagset' }).count(), 0);
  await page.getByRole('link', { name: 'Sign in' }).first().click();

  await page.getByLabel('Name').fill('alice');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  t.is(await page.getByRole('alert').innerText(), 'wrong name or password');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new URL('', url).href);
  t.is(await page.locator('header .admin-name').innerText(), 'alice');
  t.true(await page.getByRole('button', { name: 'Sign out' }).isVisible());

  await page.goto(new URL(`results/${second}`, url).href);
  await page.getByRole('button', { name: 'Request a build of this tagset' }).click();
  await page.waitForURL(/build=requested/);
  t.true((await page.locator('#build-request').innerText()).includes('A build of this tagset was requested'));
  t.deepEqual(await coordinator.checkShouldBuild(makeClientInfo({ tags: ['node20'] }), { reserveBuild: false }), { build: true, reason: 'build requested' });

  await page.goto(new URL(`results/${first}`, url).href);
  // The box must be ticked: the browser does not send the form without it.
  await page.getByRole('button', { name: 'Remove this result' }).click();
  t.is(page.url(), new URL(`results/${first}`, url).href);
  await page.getByLabel('yes, remove it').check();
  await saveScreenshot(page, 'admin-remove-result');
  await page.getByRole('button', { name: 'Remove this result' }).click();
  await page.waitForURL(/removed=/);
  t.is(await page.locator('#notice').innerText(), `Result #${first} was removed, with its test cases and files.`);
  t.is(await countRows(db), 2);

  const node22 = page.locator('li.history', { hasText: 'node22' });
  await node22.getByLabel('yes, remove it').check();
  await node22.getByRole('button', { name: 'Flush this tagset' }).click();
  await page.waitForURL(/flushed=/);
  t.is(await page.locator('#notice').innerText(), 'The tagset was flushed: 1 result was removed.');
  t.is(await countRows(db), 1);
  await saveScreenshot(page, 'admin-package-flushed');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(new URL('', url).href);
  t.true(await page.locator('header').getByRole('link', { name: 'Sign in' }).isVisible());
});
