// Package, host, arch and tags are bounded, so every stored result's pages can be opened: a
// name too long for a web address is refused by every method that takes one, over XML-RPC and
// JSON, and nothing is stored or reserved.
import test from 'ava';
import { describeWireValue } from '../../../wire/describe-value.ts';
import { assertRefusedBothWays, type BagMethod } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { callExpectingFault, createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const BAG_METHODS: BagMethod[] = ['add_results', 'check_should_build', 'release_build'];

function tooLong(field: string, bound: string, length: number, value: unknown): string {
  return `${field} must be ${bound}, got ${length}: ${describeWireValue(value)}`;
}

test('a 100 KB package is refused by every method taking a client_info, before anything is stored', async (t) => {
  const server = await startTestServer(t);
  const packageName = 'p'.repeat(100 * 1024);
  const message = tooLong('client_info.package', 'a string of at most 100 characters', 100 * 1024, packageName);
  for (const method of BAG_METHODS) {
    await assertRefusedBothWays(t, server, method, { client_info: makeClientInfo({ package: packageName }), results_list: [] }, message);
  }
  const dashboard = await (await fetch(new URL('api/v1/dashboard', server.url))).json() as any;
  t.deepEqual([dashboard.tagsets, dashboard.first_builds], [[], []], 'check_should_build reserved nothing');
});

test('host, arch, a tag and the number of tags each have their bound', async (t) => {
  const server = await startTestServer(t);
  const tags = Array.from({ length: 51 }, (_, index) => `t${index}`);
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ host: 'h'.repeat(256) }, tooLong('client_info.host', 'a string of at most 255 characters', 256, 'h'.repeat(256))],
    [{ arch: 'a'.repeat(101) }, tooLong('client_info.arch', 'a string of at most 100 characters', 101, 'a'.repeat(101))],
    [{ tags: ['ok', 'x'.repeat(101)] }, tooLong('client_info.tags[1]', 'a string of at most 100 characters', 101, 'x'.repeat(101))],
    [{ tags }, tooLong('client_info.tags', 'at most 50 tags', 51, tags)],
  ];
  for (const [fields, message] of cases) {
    for (const method of BAG_METHODS) {
      await assertRefusedBothWays(t, server, method, { client_info: makeClientInfo(fields), results_list: [makeStep()] }, message);
    }
  }
});

test('names within the field bounds that percent-encode past the address bound are refused', async (t) => {
  const server = await startTestServer(t);
  // Seven tags of 100 euro signs: 9 characters each once encoded, 6,317 for the whole address.
  const tags = Array.from({ length: 7 }, (_, index) => `${'\u20ac'.repeat(99)}${index}`);
  const tagset = ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', ...tags];
  const message = tooLong('client_info (package, host, arch and tags together)',
    'at most 6000 characters once percent-encoded in a page address', 6317, tagset);
  for (const method of BAG_METHODS) {
    await assertRefusedBothWays(t, server, method, { client_info: makeClientInfo({ tags }), results_list: [] }, message);
  }
});

test('a build with every name at its bound is stored, and its pages open', async (t) => {
  const { url } = await startTestServer(t);
  const packageName = 'p'.repeat(100);
  const host = 'h'.repeat(255);
  const arch = 'a'.repeat(100);
  const tags = Array.from({ length: 50 }, (_, index) => `${index}`.padStart(100, 't'));
  const [key] = await createThirdPartyClient(url).call('add_results', [makeClientInfo({ package: packageName, host, arch, tags }), [makeStep()]]);
  const latest = new URLSearchParams([...tags.map((tag): [string, string] => ['tag', tag]), ['host', host], ['arch', arch]]);
  for (const address of [`packages/${packageName}`, `packages/${packageName}/latest?${latest}`, `results/${key}`]) {
    const response = await fetch(new URL(address, url));
    t.is(response.status, 200, address.slice(0, 40));
  }
});

test('get_tagsets_for_package and get_last_result_for_tagset bound their package and tagset too', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const packageName = 'p'.repeat(101);
  t.deepEqual(await callExpectingFault(client, 'get_tagsets_for_package', [packageName]), {
    faultCode: -32602,
    faultString: `get_tagsets_for_package argument 1 (package): ${tooLong('package', 'a string of at most 100 characters', 101, packageName)}`,
  });
  t.deepEqual(await callExpectingFault(client, 'get_last_result_for_tagset', [packageName, ['__package=x']]), {
    faultCode: -32602,
    faultString: `get_last_result_for_tagset argument 1 (package): ${tooLong('package', 'a string of at most 100 characters', 101, packageName)}`,
  });
  const host = `__host=${'h'.repeat(256)}`;
  t.deepEqual(await callExpectingFault(client, 'get_last_result_for_tagset', ['widget', ['__package=widget', host]]), {
    faultCode: -32602,
    faultString: `get_last_result_for_tagset argument 2 (tagset): ${tooLong('tagset[1] after `__host=`', 'a string of at most 255 characters', 256, 'h'.repeat(256))}`,
  });
  // Within the bounds, a tagset that is not stored is still the original's answer 0.
  t.is(await client.call('get_last_result_for_tagset', ['widget', ['__package=widget', `__host=${'h'.repeat(255)}`]]), 0);
});
