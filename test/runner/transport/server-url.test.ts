import test from 'ava';
import { ClientTokenError, pickClientToken } from '../../../runner/transport/client-token.ts';
import { hidePassword, parseServerUrl } from '../../../runner/transport/server-url.ts';

test('a root URL and an /xmlrpc URL reach the same endpoint', (t) => {
  for (const given of ['http://ci.example.org:8080', 'http://ci.example.org:8080/', 'http://ci.example.org:8080/xmlrpc', 'http://ci.example.org:8080/xmlrpc/']) {
    t.deepEqual(parseServerUrl(given), { xmlrpcUrl: 'http://ci.example.org:8080/xmlrpc', webUrl: 'http://ci.example.org:8080/' }, given);
  }
});

test('a server under a path prefix keeps its prefix', (t) => {
  t.deepEqual(parseServerUrl('https://example.org/ci/xmlrpc'), { xmlrpcUrl: 'https://example.org/ci/xmlrpc', webUrl: 'https://example.org/ci/' });
});

test('credentials stay on the XML-RPC URL and never reach printed web links', (t) => {
  const address = parseServerUrl('http://builder:s3cret@127.0.0.1:9000/');
  t.is(address.xmlrpcUrl, 'http://builder:s3cret@127.0.0.1:9000/xmlrpc');
  t.is(address.webUrl, 'http://127.0.0.1:9000/');
});

test('a URL that is not http(s) is refused with the value quoted', (t) => {
  t.is(t.throws(() => parseServerUrl('ci.example.org')).message, 'Expected the server URL to be an http:// or https:// URL, got `ci.example.org`: not a URL');
  t.regex(t.throws(() => parseServerUrl('ftp://x/')).message, /unsupported scheme ftp:/);
});

test('a client token given apart goes into the XML-RPC URL, unless the URL has credentials of its own', (t) => {
  const token = { name: 'ci-1', secret: 'abc' };
  t.deepEqual(parseServerUrl('http://127.0.0.1:9000/', token), { xmlrpcUrl: 'http://ci-1:abc@127.0.0.1:9000/xmlrpc', webUrl: 'http://127.0.0.1:9000/' });
  t.is(parseServerUrl('http://other:xyz@127.0.0.1:9000/', token).xmlrpcUrl, 'http://other:xyz@127.0.0.1:9000/xmlrpc');
});

test('a password never shows: not in a shown URL, nor in the message about a URL that is not one', (t) => {
  t.is(hidePassword('http://ci-1:s3cret@127.0.0.1:9000/xmlrpc'), 'http://ci-1:***@127.0.0.1:9000/xmlrpc');
  t.is(hidePassword('http://ci-1:s3cret@127.0.0.1:port/'), 'http://ci-1:***@127.0.0.1:port/');
  t.is(t.throws(() => parseServerUrl('http://ci-1:s3cret@127.0.0.1:port/')).message,
    'Expected the server URL to be an http:// or https:// URL, got `http://ci-1:***@127.0.0.1:port/`: not a URL');
});

test('--token beats PONY_BUILD_TOKEN; either must be NAME:TOKEN, and a wrong one is described, never quoted', (t) => {
  t.deepEqual(pickClientToken('ci-1:abc', { PONY_BUILD_TOKEN: 'ci-2:def' }), { name: 'ci-1', secret: 'abc' });
  t.deepEqual(pickClientToken(undefined, { PONY_BUILD_TOKEN: 'ci-2:d:e' }), { name: 'ci-2', secret: 'd:e' });
  t.is(pickClientToken(undefined, { PONY_BUILD_TOKEN: '' }), undefined);
  t.is(t.throws(() => pickClientToken('s3cret', {}), { instanceOf: ClientTokenError }).message,
    'expected --token to be NAME:TOKEN, as `pony-build tokens add` printed it, got a value without a colon (6 characters)');
  t.is(t.throws(() => pickClientToken(undefined, { PONY_BUILD_TOKEN: ':s3cret' })).message,
    'expected PONY_BUILD_TOKEN to be NAME:TOKEN, as `pony-build tokens add` printed it, got no NAME before the colon');
});
