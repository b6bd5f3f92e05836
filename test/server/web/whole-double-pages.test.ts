// A whole double (Python's 2.0, sent as <double>2.0</double>) reads as its number on every
// page: durations, exit statuses, success and test durations, never `[object Object]`.
import test from 'ava';
import { formatDuration } from '../../../server/web/format.ts';
import { serializeMethodCall } from '../../../wire/xmlrpc/index.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { postXml } from '../helpers/xmlrpc-client.ts';
import { getPage } from './page-helpers.ts';

test('pages show whole doubles as the numbers they are', async (t) => {
  const { url } = await startTestServer(t, { now: () => 1_700_000_000 });
  const clientInfo = makeClientInfo({ success: new WholeDouble(0), duration: new WholeDouble(2) });
  const step = makeStep({
    status: new WholeDouble(1),
    duration: new WholeDouble(3),
    test_cases: [{ name: 'adds', suite: 'math', status: 'passed', duration: new WholeDouble(1) }],
  });
  t.is((await postXml(url, serializeMethodCall('add_results', [clientInfo, [step]]))).status, 200);

  // Markers that say what the page means, whatever its layout: success 0.0 fails the build,
  // exit status 1.0 fails the step, and each duration is shown as the plain number would be.
  const result = await getPage(url, 'results/1');
  t.is(result.status, 200);
  t.regex(result.html, /<h1>(?:(?!<\/h1>).)*class="badge fail"/);
  t.regex(result.html, /class="step fail" id="step-1"/);
  t.true(result.html.includes(`>${formatDuration(3)}<`));
  t.true(result.html.includes(`<td class="duration">${formatDuration(1)}</td>`));
  t.regex(result.html, new RegExp(`<th scope="row">duration</th><td>(2|${formatDuration(2)})</td>`));
  t.false(result.html.includes('[object Object]'));
  t.false(result.html.includes('$double'));

  const dashboard = await getPage(url, '');
  t.regex(dashboard.html, /class="status fail" href="\/results\/1"/);
  t.true(dashboard.html.includes(`>${formatDuration(2)}<`));
  const packagePage = await getPage(url, 'packages/widget');
  t.true(packagePage.html.includes(`<td class="duration">${formatDuration(2)}</td>`));
});
