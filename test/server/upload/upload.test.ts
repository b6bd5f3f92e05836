import test from 'ava';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

async function setUp(t: Parameters<typeof startTestServer>[0], options: { maxBodyBytes?: number } = {}) {
  const server = await startTestServer(t, options);
  const [resultKey, authKey] = await createThirdPartyClient(server.url).call('add_results', [makeClientInfo(), [makeStep()]]);
  return { ...server, resultKey: resultKey as number, authKey: authKey as string };
}

function upload(url: string, query: Record<string, string>, body?: string | Buffer) {
  return fetch(new URL(`upload?${new URLSearchParams(query)}`, url), { method: 'POST', body });
}

test('an upload is stored, listed on the result page, and downloadable as an attachment', async (t) => {
  const { url, db, resultKey, authKey } = await setUp(t);
  const content = '<html><script>alert(1)</script></html>';
  const response = await upload(url, { description: 'the report', filename: 'report.html', auth_key: authKey, visible: 'yes' }, content);
  t.is(response.status, 200);
  t.is(await countRows(db, 'uploads'), 1);

  const page = await (await fetch(new URL(`results/${resultKey}`, url))).text();
  const link = /href="(\/results\/\d+\/files\/\d+\/[^"]+)"/.exec(page);
  t.truthy(link, 'the result page links to the file');
  t.true(page.includes('the report'));

  const download = await fetch(new URL(link![1]!, url));
  t.is(download.status, 200);
  t.is(download.headers.get('content-type'), 'text/html; charset=utf-8');
  t.is(download.headers.get('content-disposition'), 'attachment; filename="report.html"; filename*=UTF-8\'\'report.html');
  t.is(download.headers.get('x-content-type-options'), 'nosniff');
  t.regex(download.headers.get('content-security-policy') ?? '', /sandbox/);
  t.is(await download.text(), content);
});

test('binary content is kept byte for byte', async (t) => {
  const { url, resultKey, authKey } = await setUp(t);
  const content = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13]);
  t.is((await upload(url, { description: '', filename: 'data.bin', auth_key: authKey, visible: 'yes' }, content)).status, 200);
  const download = await fetch(new URL(`results/${resultKey}/files/1/data.bin`, url));
  t.deepEqual(Buffer.from(await download.arrayBuffer()), content);
});

test('a path-like filename is reduced to a safe base name', async (t) => {
  const { url, resultKey, authKey } = await setUp(t);
  const names = ['../../etc/passwd', '..\\..\\windows\\evil.html', '.../..hidden', 'nul\u0000byte.txt', '..', '/'];
  for (const filename of names) {
    t.is((await upload(url, { description: 'd', filename, auth_key: authKey, visible: 'yes' }, 'x')).status, 200);
  }
  const dispositions = [];
  for (let id = 1; id <= names.length; id++) {
    dispositions.push((await fetch(new URL(`results/${resultKey}/files/${id}`, url))).headers.get('content-disposition'));
  }
  t.deepEqual(dispositions.map((value) => /filename="([^"]*)"/.exec(value ?? '')?.[1]), [
    'passwd', 'evil.html', 'hidden', 'nulbyte.txt', 'upload', 'upload',
  ]);
});

test('a file uploaded with visible=no is kept but not shown', async (t) => {
  const { url, db, resultKey, authKey } = await setUp(t);
  t.is((await upload(url, { description: 'secret', filename: 'core.dump', auth_key: authKey, visible: 'no' }, 'x')).status, 200);
  t.is(await countRows(db, 'uploads'), 1);
  const page = await (await fetch(new URL(`results/${resultKey}`, url))).text();
  t.false(page.includes('core.dump'));
  t.is((await fetch(new URL(`results/${resultKey}/files/1`, url))).status, 404);
});

for (const missing of ['description', 'filename', 'auth_key']) {
  test(`a missing ${missing} is a 400 naming it`, async (t) => {
    const { url, db, authKey } = await setUp(t);
    const query: Record<string, string> = { description: 'd', filename: 'f.txt', auth_key: authKey, visible: 'yes' };
    delete query[missing];
    const response = await upload(url, query, 'content');
    t.is(response.status, 400);
    t.regex(await response.text(), new RegExp(`^the \`${missing}\` query parameter is required: uploads are POST /upload\\?`));
    t.is(await countRows(db, 'uploads'), 0);
  });
}

test('a missing body is a 400', async (t) => {
  const { url, db, authKey } = await setUp(t);
  const response = await upload(url, { description: 'd', filename: 'f.txt', auth_key: authKey });
  t.is(response.status, 400);
  t.is(await response.text(), 'the upload has no body; send the file as the request body\n');
  t.is(await countRows(db, 'uploads'), 0);
});

test('a visible value other than yes or no is a 400', async (t) => {
  const { url, authKey } = await setUp(t);
  const response = await upload(url, { description: 'd', filename: 'f.txt', auth_key: authKey, visible: 'maybe' }, 'x');
  t.is(response.status, 400);
  t.is(await response.text(), 'the `visible` query parameter must be one of yes, no, got "maybe"\n');
});

test('an unknown auth_key is a 401', async (t) => {
  const { url, db } = await setUp(t);
  const response = await upload(url, { description: 'd', filename: 'f.txt', auth_key: 'f'.repeat(64), visible: 'yes' }, 'x');
  t.is(response.status, 401);
  t.is(await response.text(), 'the auth_key does not belong to any result; use the auth_key that add_results returned\n');
  t.is(await countRows(db, 'uploads'), 0);
});

test('a file over the size limit is a 413, and the server goes on', async (t) => {
  const { url, db, authKey, resultKey } = await setUp(t, { maxBodyBytes: 4096 });
  const response = await upload(url, { description: 'd', filename: 'big.bin', auth_key: authKey, visible: 'yes' }, Buffer.alloc(10_000));
  t.is(response.status, 413);
  t.is(await response.text(), 'the request body is larger than this server\'s limit of 4096 bytes (4 KiB)\n');
  t.is(await countRows(db, 'uploads'), 0);
  t.is((await upload(url, { description: 'd', filename: 'small.bin', auth_key: authKey, visible: 'yes' }, 'ok')).status, 200);
  t.is((await fetch(new URL(`results/${resultKey}`, url))).status, 200);
});

test('GET /upload is a 405', async (t) => {
  const { url } = await startTestServer(t);
  const response = await fetch(new URL('upload', url));
  t.is(response.status, 405);
  t.is(response.headers.get('allow'), 'POST');
});
