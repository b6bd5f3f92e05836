// Step artifacts end to end: a real recipe run as a child process lists its artifacts without a
// server, and uploads them to a real server (live and --no-live) once the result is stored.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { startServer, type ServerOptions } from '../../server/index.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const recipe = path.join(projectRoot, 'test/fixtures/recipes/artifacts.ts');

async function startTestServer(t: Parameters<typeof makeTempDir>[0], options: ServerOptions = {}) {
  const directory = makeTempDir(t);
  const db = path.join(directory, 'results.db');
  const server = await startServer({ port: 0, db, ...options });
  t.teardown(() => server.close());
  return { server, directory, db };
}

function readOnlyResult(directory: string) {
  const [file, ...others] = readdirSync(path.join(directory, 'pony-results'));
  if (file === undefined || others.length > 0) {
    throw new Error('expected one result file');
  }
  return JSON.parse(readFileSync(path.join(directory, 'pony-results', file), 'utf8'));
}

test('without a server, the terminal and the result list each artifact with its size, and a glob matching nothing is a warning', async (t) => {
  const cwd = makeTempDir(t);
  const run = await runTypeScript(recipe, [], { cwd });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /PASS pack \(.*\)\n {2}artifact coverage\/index\.html \(26 bytes\)\n {2}artifact coverage\/lcov\.info \(4 bytes\)\n {2}artifact pkg-1\.0\.0\.tgz \(3000 bytes\)\n {2}artifacts warning: no file matches the artifacts glob `\*\.zip`\n/);
  t.regex(run.stdout, /PASS notes \(.*\)\n {2}artifact notes\.txt \(9 bytes\)\n/);
  t.notRegex(run.stdout, /Artifacts uploaded/);
  const steps = readOnlyResult(cwd).results_list;
  t.deepEqual(steps[1].artifacts, [
    { name: 'coverage/index.html', size: 26 },
    { name: 'coverage/lcov.info', size: 4 },
    { name: 'pkg-1.0.0.tgz', size: 3000 },
  ]);
  t.deepEqual(steps[1].artifact_warnings, ['no file matches the artifacts glob `*.zip`']);
  t.deepEqual(steps[2].artifacts, [{ name: 'notes.txt', size: 9 }]);
  t.is(steps[0].artifacts, undefined);
});

for (const mode of [[], ['--no-live']]) {
  test(`with --report ${mode.join(' ')}`.trim() + ', the artifacts are uploaded to the stored result and listed on its page', async (t) => {
    const { server, directory, db } = await startTestServer(t);
    const run = await runTypeScript(recipe, ['--report', server.url, ...mode], { cwd: directory });
    t.is(run.code, 0, run.stdout + run.stderr);
    t.regex(run.stdout, /Artifacts uploaded: 4 files, 3039 bytes\n/);
    const resultUrl = /Result reported: (\S+)/.exec(run.stdout)![1]!;
    const page = await (await fetch(resultUrl)).text();
    for (const description of ['step 2 (pack): pkg-1.0.0.tgz', 'step 2 (pack): coverage/index.html', 'step 3 (notes): notes.txt']) {
      t.true(page.includes(description), description);
    }
    const link = /href="(\/results\/\d+\/files\/\d+\/pkg-1\.0\.0\.tgz)"/.exec(page);
    t.truthy(link, 'the page links to the package');
    const download = await fetch(new URL(link![1]!, server.url));
    // mime-types knows .gz but not .tgz: an unknown extension is plain bytes.
    t.is(download.headers.get('content-type'), 'application/octet-stream');
    t.deepEqual(Buffer.from(await download.arrayBuffer()), Buffer.alloc(3000));
    const notes = await fetch(new URL(/href="(\/results\/\d+\/files\/\d+\/notes\.txt)"/.exec(page)![1]!, server.url));
    t.is(notes.headers.get('content-type'), 'text/plain; charset=utf-8');
    t.is(await notes.text(), 'all good\n');
    t.is(readdirSync(`${db}.files`).length, 4);
    t.false(readdirSync(path.dirname(db)).some((name) => name.startsWith('pony-build-artifacts-')));
    t.true(existsSync(db));
  });
}
