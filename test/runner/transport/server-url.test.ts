import test from 'ava';
import { parseServerUrl } from '../../../runner/transport/server-url.ts';

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
