// build-cpython.ts end to end against a CPython-shaped stand-in repository: configure, make
// and a `python -m test` that behaves like regrtest, cloned from a local git repository.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { makeCpythonStandin, makeNpmPackageStandin } from './standins.ts';
import { listSteps, removeWhenDone, runRecipeFile } from './run-recipe-file.ts';

const cores = os.availableParallelism();

test('clones, configures with the given flags, makes and runs regrtest into test-results.xml', async (t) => {
  const cpython = await makeCpythonStandin(t);
  const run = await runRecipeFile(t, 'build-cpython.ts', ['-N'], {
    CPYTHON_REPO: cpython.url,
    CPYTHON_CONFIGURE_FLAGS: ' --with-pydebug   --enable-stand-in ',
    PONY_BUILD_TAGS: 'nightly',
  });
  const { client_info: info, results_list: steps } = run.readResult();
  removeWhenDone(t, info.tempdir);
  t.is(run.code, 0, run.stdout + run.stderr);

  t.deepEqual(listSteps(run.readResult()).slice(-3), [
    ['configure', 'setup', 0],
    ['make', 'build', 0],
    ['regrtest', 'test', 0],
  ]);
  const checkout = steps.find((step) => step.version_type === 'git')!;
  t.is(checkout.type, 'setup');
  t.is(checkout.version_info, `${cpython.revisions.main} gh-1: the stand-in interpreter`);
  t.deepEqual(steps[steps.length - 3].command, ['./configure', '--with-pydebug', '--enable-stand-in']);
  t.deepEqual(steps[steps.length - 2].command, ['make', `-j${cores}`]);

  t.like(info, { package: 'cpython', success: true, tags: ['python-main', 'nightly'], python_version: '3.14.0a1+', ref: 'main', revision: cpython.revisions.main });
  t.regex(run.stdout, /── python version: Python 3\.14\.0a1\+ \(from Include\/patchlevel\.h\)/);
  t.regex(run.stdout, new RegExp(`Run 2 tests in parallel using ${cores} worker processes`));
  t.regex(run.stdout, /== CPython 3\.14\.0a1\+ \(stand-in\)/);
  t.regex(run.stdout, /Result: SUCCESS/);
  t.regex(run.stdout, /Build succeeded/);

  const buildDirectory = path.join(String(info.tempdir), 'cpython');
  t.is(readFileSync(path.join(buildDirectory, 'build-flags.txt'), 'utf8'), '--with-pydebug --enable-stand-in\n');
  t.regex(readFileSync(path.join(buildDirectory, 'test-results.xml'), 'utf8'), /^<testsuites tests="4" errors="0" failures="0">/);
  const regrtest = steps[steps.length - 1];
  t.like(regrtest.test_counts, { total: 4, passed: 4, failed: 0 });
  t.deepEqual(regrtest.test_cases!.map((testCase) => `${testCase.suite} › ${testCase.name}`).slice(0, 1), ['test.test_grammar.GrammarTests › test_eof']);
});

test('a failing regression test exits 2 in regrtest, fails the build and names the test', async (t) => {
  const cpython = await makeCpythonStandin(t);
  const run = await runRecipeFile(t, 'build-cpython.ts', [], { CPYTHON_REPO: cpython.url, CPYTHON_REF: 'broken' });
  t.is(run.code, 1, run.stdout + run.stderr);
  const { client_info: info, results_list: steps } = run.readResult();
  t.like(info, { success: false, tags: [], python_version: '3.14.0a1+' });
  t.false(existsSync(String(info.tempdir)), 'the temp dir is removed without -N');
  t.deepEqual(listSteps(run.readResult()).slice(-3), [
    ['configure', 'setup', 0],
    ['make', 'build', 0],
    ['regrtest', 'test', 2],
  ]);
  t.like(steps[steps.length - 1].test_counts, { total: 4, passed: 3, failed: 1 });
  t.regex(run.stdout, /Result: FAILURE/);
  t.regex(run.stdout, /FAIL regrtest .*exit status 2/);
  t.regex(run.stdout, /✗ test\.test_os\.FileTests › test_access: AssertionError: False is not true/);
  t.regex(run.stdout, /Build FAILED/);
});

test('a version branch tags the build with its version; CPYTHON_TEST_FLAGS picks the tests', async (t) => {
  const cpython = await makeCpythonStandin(t);
  const run = await runRecipeFile(t, 'build-cpython.ts', ['-t', 'linux'], { CPYTHON_REPO: cpython.url, CPYTHON_REF: '3.13', CPYTHON_TEST_FLAGS: 'test_os' });
  t.is(run.code, 0, run.stdout + run.stderr);
  const { client_info: info, results_list: steps } = run.readResult();
  t.like(info, { tags: ['python3.13', 'linux'], python_version: '3.13.1+', ref: '3.13', revision: cpython.revisions.release });
  t.is(steps[steps.length - 1].command, `PYTHON=./python; if [ -x ./python.exe ]; then PYTHON=./python.exe; fi; exec "$PYTHON" -m test -j${cores} --junit-xml test-results.xml test_os`);
  t.like(steps[steps.length - 1].test_counts, { total: 2, passed: 2 });
  t.regex(run.stdout, /Run 1 tests in parallel/);
});

test('a repository that is not CPython stops before configure, saying what is missing', async (t) => {
  const other = await makeNpmPackageStandin(t);
  const run = await runRecipeFile(t, 'build-cpython.ts', [], { CPYTHON_REPO: other.url });
  t.is(run.code, 1, run.stdout + run.stderr);
  t.regex(run.stdout + run.stderr, /python version: cannot read .*Include\/patchlevel\.h \(ENOENT\); is this a CPython checkout\?/);
  t.false(run.readResult().results_list.some((step) => step.name === 'configure' && step.status === 0));
});
