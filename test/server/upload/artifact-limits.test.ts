// limits.artifact_bytes and limits.artifact_quota_bytes over a real server and database: a
// file over the per-file limit is refused naming it; past the quota the oldest files are
// evicted, their results kept and their names still shown.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { parseServerConfig, ServerConfigError } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { countRows, startTestServer, uploadsDirectoryOf } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

async function setUp(t: Parameters<typeof startTestServer>[0], limits: Record<string, unknown>) {
  const server = await startTestServer(t, { config: parseServerConfig({ limits }) });
  const [resultKey, authKey] = await createThirdPartyClient(server.url).call('add_results', [makeClientInfo(), [makeStep()]]);
  const upload = (filename: string, body: string | Buffer) =>
    fetch(new URL(`upload?${new URLSearchParams({ description: `about ${filename}`, filename, auth_key: authKey as string, visible: 'yes' })}`, server.url), {
      method: 'POST', body,
    });
  return { ...server, resultKey: resultKey as number, upload };
}

test('a file over limits.artifact_bytes is a 413 naming the limit and its value, and nothing is stored', async (t) => {
  const { db, upload } = await setUp(t, { artifact_bytes: '1K' });
  const response = await upload('big.bin', Buffer.alloc(5000));
  t.is(response.status, 413);
  t.is(await response.text(), "the file is larger than this server's limit of 1024 bytes (1 KiB) per file (limits.artifact_bytes)\n");
  t.is(await countRows(db, 'uploads'), 0);
  t.is((await upload('small.bin', Buffer.alloc(1024))).status, 200);
});

test('past limits.artifact_quota_bytes the oldest files are evicted: named on the page, gone from disk, 410 to download', async (t) => {
  const { url, db, resultKey, upload } = await setUp(t, { artifact_bytes: 8, artifact_quota_bytes: 10 });
  for (const name of ['one.txt', 'two.txt', 'three.txt']) {
    t.is((await upload(name, '4444')).status, 200);
  }
  t.is(readdirSync(uploadsDirectoryOf(t, db)).length, 2);
  t.is(await countRows(db, 'uploads'), 3);
  t.is(await countRows(db, 'results'), 1);

  const page = await (await fetch(new URL(`results/${resultKey}`, url))).text();
  t.regex(page, /<span class="evicted">one\.txt<\/span>/);
  t.true(page.includes("removed to keep within the server's artifact quota"));
  t.regex(page, /href="\/results\/\d+\/files\/2\/two\.txt"/);
  const evicted = await fetch(new URL(`results/${resultKey}/files/1/one.txt`, url));
  t.is(evicted.status, 410);
  t.regex(await evicted.text(), /The file &quot;one\.txt&quot; of result #\d+ was removed to keep within the server(&#39;|')s artifact quota\./);
  t.is(await (await fetch(new URL(`results/${resultKey}/files/3/three.txt`, url))).text(), '4444');
});

test('the artifact limits are sizes, and a file may not be larger than the quota', (t) => {
  const error = t.throws(() => parseServerConfig({ limits: { artifact_bytes: '2G', artifact_quota_bytes: 'lots' } }), { instanceOf: ServerConfigError });
  t.deepEqual(error?.problems, ['limits.artifact_quota_bytes: expected a size such as "100M" or a number of bytes, 1 or more, got `lots` (string)']);
  const tooLarge = t.throws(() => parseServerConfig({ limits: { artifact_bytes: '2G', artifact_quota_bytes: '1G' } }), { instanceOf: ServerConfigError });
  t.deepEqual(tooLarge?.problems, ['limits.artifact_bytes: expected at most limits.artifact_quota_bytes (1073741824), got 2147483648']);
  t.like(parseServerConfig({ limits: { artifact_bytes: '50M' } }).limits, { artifactBytes: 50 * 1024 ** 2, artifactQuotaBytes: 5 * 1024 ** 3 });
});
