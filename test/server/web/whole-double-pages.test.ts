// A whole double (Python's 2.0, sent as <double>2.0</double>) reads as its number on every
// page: durations, exit statuses, success and test durations, never `[object Object]`.
import test from 'ava';
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

  const result = await getPage(url, 'results/1');
  t.is(result.status, 200);
  t.true(result.html.includes('<h1><span class="package">widget</span> <span class="badge fail">fail</span></h1>'));
  t.true(result.html.includes('<span class="badge fail">failed</span><span class="step-name">make</span>'));
  t.true(result.html.includes('<span class="duration">3.0 s</span>'));
  t.true(result.html.includes('<dt>status</dt><dd>1</dd>'));
  t.true(result.html.includes('<td class="duration">1.0 s</td>'));
  t.true(result.html.includes('<th scope="row">duration</th><td>2</td>'));
  t.false(result.html.includes('[object Object]'));

  const dashboard = await getPage(url, '');
  t.true(dashboard.html.includes('<a class="status fail" href="/results/1">fail</a>'));
  t.true(dashboard.html.includes('<span class="duration">2.0 s</span>'));
  const packagePage = await getPage(url, 'packages/widget');
  t.true(packagePage.html.includes('<td class="duration">2.0 s</td>'));
});
