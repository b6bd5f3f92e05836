// Behind a reverse proxy (trustProxy) the client's address, scheme and host are the ones the
// proxy forwards; without it, X-Forwarded-* headers are anyone's to forge and are ignored.
import test from 'ava';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { recordLogLines } from '../../helpers/log-lines.ts';
import { startTestServer } from '../helpers/server.ts';
import { postXml } from '../helpers/xmlrpc-client.ts';
import { postBuildRequest } from '../web/page-helpers.ts';

const FORWARDED_FOR = { 'X-Forwarded-For': '203.0.113.9, 10.0.0.2' };
// What nginx forwards for a browser on https://ci.example.org/.
const PROXIED_HTTPS = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'ci.example.org' };

async function postJsonResult(url: string, headers: Record<string, string>): Promise<number> {
  const answer = await fetch(new URL('api/v1/results', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ client_info: makeClientInfo(), results_list: [makeStep()] }),
  });
  return ((await answer.json()) as { result_key: number }).result_key;
}

async function readClientIp(url: string, resultKey: number): Promise<string> {
  const answer = await fetch(new URL(`api/v1/results/${resultKey}`, url));
  return ((await answer.json()) as { receipt: { client_ip: string } }).receipt.client_ip;
}

const ADD_RESULTS_XML = '<?xml version="1.0"?><methodCall><methodName>add_results</methodName><params>'
  + '<param><value><struct><member><name>package</name><value>widget</value></member>'
  + '<member><name>host</name><value>builder-1</value></member><member><name>arch</name><value>x86</value></member></struct></value></param>'
  + '<param><value><array><data></data></array></value></param></params></methodCall>';

async function postXmlResult(url: string, headers: Record<string, string>): Promise<number> {
  const answer = await postXml(url, ADD_RESULTS_XML, headers);
  return Number(/<int>(\d+)<\/int>|<string>(\d+)<\/string>/.exec(answer.text)!.slice(1).find(Boolean));
}

function buildRequestFields(resultKey: number): URLSearchParams {
  return new URLSearchParams([['tag', '__arch=linux-x86_64'], ['tag', '__host=builder-1'], ['tag', 'node20'], ['result', String(resultKey)]]);
}

test('without trustProxy a forged X-Forwarded-For changes no client_ip, and forwarded host and scheme pass no form', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { log: recorded.log });
  const viaJson = await postJsonResult(url, FORWARDED_FOR);
  const viaXml = await postXmlResult(url, FORWARDED_FOR);
  t.is(await readClientIp(url, viaJson), '127.0.0.1');
  t.is(await readClientIp(url, viaXml), '127.0.0.1');

  const forged = await postBuildRequest(url, 'widget', buildRequestFields(viaJson), { Origin: 'https://ci.example.org', ...PROXIED_HTTPS });
  t.is(forged.status, 403);
  t.regex(await recorded.waitForLine(/ POST \/api\/v1\/results /), / 127\.0\.0\.1$/);
});

test('with trustProxy the client is the left-most X-Forwarded-For, in what is stored and what is logged', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { trustProxy: true, log: recorded.log });
  const viaJson = await postJsonResult(url, FORWARDED_FOR);
  const viaXml = await postXmlResult(url, FORWARDED_FOR);
  t.is(await readClientIp(url, viaJson), '203.0.113.9');
  t.is(await readClientIp(url, viaXml), '203.0.113.9');
  t.is(await readClientIp(url, await postJsonResult(url, {})), '127.0.0.1', 'without the header, the peer');
  t.regex(await recorded.waitForLine(/ POST \/api\/v1\/results /), /^\S+ POST \/api\/v1\/results 201 \d+ms 203\.0\.113\.9$/);
});

test('with trustProxy a form must come from the scheme and host the browser saw, and redirects stay relative', async (t) => {
  const { url } = await startTestServer(t, { trustProxy: true });
  const resultKey = await postJsonResult(url, {});
  const fields = buildRequestFields(resultKey);

  const accepted = await postBuildRequest(url, 'widget', fields, { Origin: 'https://ci.example.org', ...PROXIED_HTTPS });
  t.is(accepted.status, 303);
  t.is(accepted.headers.get('location'), `/results/${resultKey}?build=requested#build-request`);
  const byReferer = await postBuildRequest(url, 'widget', fields, { Origin: '', Referer: `https://CI.example.org/results/${resultKey}`, ...PROXIED_HTTPS });
  t.is(byReferer.status, 303);

  t.is((await postBuildRequest(url, 'widget', fields, { Origin: 'http://ci.example.org', ...PROXIED_HTTPS })).status, 403, 'the scheme counts');
  t.is((await postBuildRequest(url, 'widget', fields, { Origin: 'https://evil.example', ...PROXIED_HTTPS })).status, 403);
  t.is((await postBuildRequest(url, 'widget', fields, { Origin: 'not a url', ...PROXIED_HTTPS })).status, 403);
  t.is((await postBuildRequest(url, 'widget', fields)).status, 303, 'a browser on the server\'s own address, with no proxy headers');
});
