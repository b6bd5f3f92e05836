// With a server, a recipe whose checkout is at the revision of the last result
// reported for its tagset skips the build: the server already knows.
import path from 'node:path';
import test from 'ava';
import { callXmlRpc } from '../../runner/transport/index.ts';
import { startServer } from '../../server/index.ts';
import { makeGitRepository } from '../contexts/repositories.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { postBuildRequest } from '../server/web/page-helpers.ts';

const recipe = path.join(projectRoot, 'test/fixtures/recipes/git-checkout.ts');

test('an unchanged revision is not built again; a new commit is, and --force-build always builds', async (t) => {
  const directory = makeTempDir(t);
  const server = await startServer({ port: 0, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  const repository = await makeGitRepository(t);
  const env = { REPO_URL: repository.url, PONY_BUILD_CACHE: path.join(directory, 'cache') };
  const run = (...args: string[]) => runTypeScript(recipe, ['--report', server.url, ...args], { cwd: directory, env });

  const failing = await run();
  t.is(failing.code, 1, failing.stdout + failing.stderr);
  t.regex(failing.stdout, /Result reported: .*\/results\/1/);

  // The last result failed, so the server says build; the checkout shows nothing changed.
  const unchanged = await run();
  t.is(unchanged.code, 0, unchanged.stdout + unchanged.stderr);
  t.regex(unchanged.stdout, new RegExp(`not building fixture-git: revision ${repository.revisions.second} was already reported as result 1`));
  t.notRegex(unchanged.stdout, /Result reported/);

  // A build asked for from the web page is built even at a revision the server has seen.
  const [tagset] = (await callXmlRpc(new URL('xmlrpc', server.url).href, 'get_tagsets_for_package', ['fixture-git'])) as string[][];
  const form = new URLSearchParams(tagset.map((tag): [string, string] => ['tag', tag]));
  const requested = await postBuildRequest(server.url, 'fixture-git', form);
  t.is(requested.status, 303);
  // The skipped run's reservation still holds: a request comes first (docs/PROTOCOL.md,
  // "check_should_build", rule 1), so nothing needs to wait for the reservation to end.
  const onRequest = await run();
  t.is(onRequest.code, 1, onRequest.stdout + onRequest.stderr);
  t.regex(onRequest.stdout, /Result reported: .*\/results\/2/);

  const forced = await run('--force-build');
  t.is(forced.code, 1);
  t.regex(forced.stdout, /Result reported: .*\/results\/3/);

  // Storing each result ended the tagset's reservation (docs/PROTOCOL.md, "check_should_build",
  // Reservations), so the next check is not told "may be in build now".
  const fixed = await repository.commit('fix', 'good');
  const rebuilt = await run();
  t.is(rebuilt.code, 0, rebuilt.stdout + rebuilt.stderr);
  t.regex(rebuilt.stdout, /Result reported: .*\/results\/4/);
  t.regex(rebuilt.stdout, new RegExp(fixed.slice(0, 12)));
});

test('run from cron, every new commit is built, even within a day of a passing build; a skip gives its reservation back', async (t) => {
  const directory = makeTempDir(t);
  const server = await startServer({ port: 0, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  const repository = await makeGitRepository(t);
  const env = { REPO_URL: repository.url, PONY_BUILD_CACHE: path.join(directory, 'cache') };
  const run = () => runTypeScript(recipe, ['--report', server.url, '--debug'], { cwd: directory, env });

  const failing = await run();
  t.is(failing.code, 1, failing.stdout + failing.stderr);
  t.regex(failing.stderr, new RegExp(`the git checkout would check out ${repository.revisions.second}`));

  // The last build failed, so the server says go; the checkout finds the same revision, skips,
  // says so on its last line, and hands the reservation back.
  const skipped = await run();
  t.is(skipped.code, 0, skipped.stdout + skipped.stderr);
  t.regex(skipped.stdout, /Build skipped after .*: revision [0-9a-f]{40} was already reported as result 1\n/);
  t.notRegex(skipped.stdout, /FAILED/);
  t.regex(skipped.stderr, /\[debug\] release_build: true/);

  const fixed = await repository.commit('fix', 'good');
  const passing = await run();
  t.is(passing.code, 0, passing.stdout + passing.stderr);
  t.regex(passing.stderr, new RegExp(`check_should_build answered true \\(new revision ${fixed}; build!\\)`));
  t.regex(passing.stdout, /Result reported: .*\/results\/2/);

  // The original's rules alone would wait a day after a passing build.
  const upToDate = await run();
  t.is(upToDate.code, 0, upToDate.stdout + upToDate.stderr);
  t.regex(upToDate.stdout, /not building fixture-git: the server says "build up to date"/);

  const next = await repository.commit('next', 'three');
  const rebuilt = await run();
  t.is(rebuilt.code, 1, rebuilt.stdout + rebuilt.stderr);
  t.regex(rebuilt.stderr, new RegExp(`check_should_build answered true \\(new revision ${next}; build!\\)`));
  t.regex(rebuilt.stdout, /Result reported: .*\/results\/3/);
});
