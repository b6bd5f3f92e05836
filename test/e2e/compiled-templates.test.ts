// The published package serves pages from templates compiled at build time
// (dist/server/web/views-compiled/, written by scripts/build-package.mjs, which `npm test` runs
// first); the sources compile them at run time. Both must write the same pages, byte for byte
// apart from each form's fresh CSRF token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import * as fromSources from '../../server/index.ts';
import { projectRoot } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { makeClientInfo, makeStep } from '../server/helpers/results.ts';
import { makeTestCase, makeTestStep } from '../server/helpers/test-cases.ts';

const compiledIndex = path.join(projectRoot, 'dist/server/web/views-compiled/index.cjs');
const withoutTokens = (html: string) => html.replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value=""');

test('pages from the templates compiled at build time are the pages the sources render', async (t) => {
  t.true(existsSync(compiledIndex), `${compiledIndex} is missing: run npm run build (npm test does)`);
  const built = await import(pathToFileURL(path.join(projectRoot, 'dist/server/index.js')).href) as typeof fromSources;
  const db = path.join(makeTempDir(t), 'results.db');
  const sources = await fromSources.startServer({ port: 0, db });
  t.teardown(() => sources.close());
  const stored = await fetch(new URL('api/v1/results', sources.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_info: makeClientInfo({ success: false }),
      results_list: [makeStep({ output: '\u001b[31m<b>red</b>\u001b[0m\n' }), makeTestStep([makeTestCase(), makeTestCase({ name: '<script>x</script>', status: 'failed', message: 'no' })])],
    }),
  });
  t.is(stored.status, 201);
  const package_ = await built.startServer({ port: 0, db });
  t.teardown(() => package_.close());
  for (const page of ['', 'packages/widget', 'results/1', 'login', 'feeds', 'no-such-page', `packages/widget/tests?suite=math&name=adds`]) {
    const [expected, actual] = await Promise.all([sources.url, package_.url].map(async (url) => withoutTokens(await (await fetch(new URL(page, url))).text())));
    t.is(actual, expected, `/${page}`);
  }
});
