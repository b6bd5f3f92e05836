import test from 'ava';
import { startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createThirdPartyClient, methodCall, postXml } from '../helpers/xmlrpc-client.ts';

test('add_results returns an integer key and a 64-character hex auth_key', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const [firstKey, authKey] = await client.call('add_results', [makeClientInfo(), [makeStep()]]);
  const [secondKey, otherAuthKey] = await client.call('add_results', [makeClientInfo(), [makeStep()]]);
  t.true(Number.isInteger(firstKey));
  t.is(secondKey, firstKey + 1);
  t.regex(authKey, /^[0-9a-f]{64}$/);
  t.not(authKey, otherAuthKey);
});

test('get_results returns the receipt and both bags exactly as sent, extra keys included', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const clientInfo = makeClientInfo({
    tempdir: '/tmp/build-x',
    dependencies: ['a', 'b'],
    nested: { deep: { list: [1, 2.5, 'three', true, null] } },
    nothing: null,
  });
  const steps = [makeStep(), makeStep({ name: 'test', type: 'test', status: 1, version_type: 'git', version_info: 'abc123 fix' })];
  const before = Date.now() / 1000;
  const [key] = await client.call('add_results', [clientInfo, steps]);
  const [receipt, storedInfo, storedSteps] = await client.call('get_results', [key]);
  t.deepEqual(storedInfo, clientInfo);
  t.deepEqual(storedSteps, steps);
  t.is(receipt.result_key, String(key));
  t.is(receipt.client_ip, '127.0.0.1');
  t.true(receipt.time >= before - 1 && receipt.time <= Date.now() / 1000 + 1);
});

test('get_results accepts the key as a string, as the original did', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const [key] = await client.call('add_results', [makeClientInfo(), []]);
  const [receipt] = await client.call('get_results', [String(key)]);
  t.is(receipt.result_key, String(key));
});

test('struct members named __proto__, and dateTime values, are stored and returned verbatim', async (t) => {
  const { url } = await startTestServer(t);
  const clientInfo =
    '<struct><member><name>package</name><value>odd</value></member>' +
    '<member><name>__proto__</name><value><struct><member><name>polluted</name><value>yes</value></member></struct></value></member>' +
    '<member><name>started</name><value><dateTime.iso8601>20240102T03:04:05</dateTime.iso8601></value></member></struct>';
  const added = await postXml(url, methodCall('add_results', clientInfo, '<array><data></data></array>'));
  const key = /<int>(\d+)<\/int>/.exec(added.text)![1]!;
  const { text } = await postXml(url, methodCall('get_results', `<int>${key}</int>`));
  t.regex(text, /<member><name>__proto__<\/name><value><struct><member><name>polluted<\/name><value><string>yes<\/string>/);
  t.regex(text, /<dateTime\.iso8601>20240102T03:04:05<\/dateTime\.iso8601>/);
  t.is(({} as Record<string, unknown>).polluted, undefined);
});

test('get_tagsets_for_package lists each tagset once, with the synthetic __ tags', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  await client.call('add_results', [makeClientInfo({ tags: ['b', 'a'] }), []]);
  await client.call('add_results', [makeClientInfo({ tags: ['a', 'b', 'a'] }), []]);
  await client.call('add_results', [makeClientInfo({ tags: null, host: 'builder-2' }), []]);
  await client.call('add_results', [makeClientInfo({ package: 'other' }), []]);
  const tagsets: string[][] = await client.call('get_tagsets_for_package', ['widget']);
  t.deepEqual(tagsets.map((tagset) => [...tagset].sort()).sort(), [
    ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'a', 'b'],
    ['__arch=linux-x86_64', '__host=builder-2', '__package=widget'],
  ]);
  t.deepEqual(await client.call('get_tagsets_for_package', ['no-such-package']), []);
});

test('get_last_result_for_tagset finds the newest result of a tagset in any order, or answers 0', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  await client.call('add_results', [makeClientInfo({ tags: ['x'], run: 1 }), []]);
  const [newest] = await client.call('add_results', [makeClientInfo({ tags: ['x'], run: 2 }), []]);
  await client.call('add_results', [makeClientInfo({ tags: ['y'], run: 3 }), []]);
  const tagset = ['x', '__host=builder-1', '__package=widget', '__arch=linux-x86_64', 'x'];
  const [receipt, clientInfo] = await client.call('get_last_result_for_tagset', ['widget', tagset]);
  t.is(receipt.result_key, String(newest));
  t.is(clientInfo.run, 2);
  t.is(await client.call('get_last_result_for_tagset', ['widget', ['x']]), 0);
  t.is(await client.call('get_last_result_for_tagset', ['other', tagset]), 0);
});

test('check_should_build answers [flag, reason] and accepts the optional arguments', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo(), false]), [true, 'no build recorded for this tagset; build!']);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo(), true, 600]), [true, 'no build recorded for this tagset; build!']);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo()]), [false, 'may be in build now']);
});

test('responses are text/xml with HTTP 200', async (t) => {
  const { url } = await startTestServer(t);
  const response = await postXml(url, methodCall('get_tagsets_for_package', '<string>widget</string>'));
  t.is(response.status, 200);
  t.regex(response.contentType ?? '', /^text\/xml/);
});
