import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { projectRoot, runTypeScript, startTypeScript } from '../../helpers/child-process.ts';
import { makeTempDir } from '../../helpers/temp.ts';

const fixture = (name: string) => path.join(projectRoot, 'test/fixtures/recipes', name);

function readOnlyResult(directory: string) {
  const files = readdirSync(path.join(directory, 'pony-results'));
  if (files.length !== 1) {
    throw new Error(`expected one result file, found ${files.join(', ')}`);
  }
  return JSON.parse(readFileSync(path.join(directory, 'pony-results', files[0]), 'utf8'));
}

test('a local run shows each step live, prints a summary, writes the result and exits 0', async (t) => {
  const cwd = makeTempDir(t);
  const run = await runTypeScript(fixture('passing.ts'), ['-t', 'extra'], { cwd });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /▶ build: compile\n\$ echo compiled/);
  t.regex(run.stdout, /built <ok> & \u001b\[32mgreen\u001b\[0m\n/);
  t.regex(run.stdout, /PASS compile \(\d+ ms\)/);
  t.regex(run.stdout, /Summary for fixture-passing\n {2}PASS {2}compile/);
  t.regex(run.stdout, /Build succeeded in .* \(2 of 2 steps passed\)/);
  t.regex(run.stdout, /Result written to pony-results\/fixture-passing-\d{8}T\d{6}Z\.json/);
  t.notRegex(run.stdout, /\u001b\[1m/, 'no colours when not on a TTY');
  const result = readOnlyResult(cwd);
  t.like(result.client_info, { package: 'fixture-passing', success: true, tags: ['fixture', 'extra'] });
  t.regex(result.client_info.submission_id, /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/, 'a file sent twice carries one submission id');
  t.deepEqual(result.results_list.map((step: { name: string; status: number }) => [step.name, step.status]), [['compile', 0], ['check', 0]]);
  t.is(result.results_list[1].output, 'compiled\n');
  t.false(existsSync(result.client_info.tempdir), 'the temp dir is removed');
});

test('a failing recipe exits 1, names the failure and skips the rest', async (t) => {
  const cwd = makeTempDir(t);
  const run = await runTypeScript(fixture('failing.ts'), [], { cwd });
  t.is(run.code, 1);
  t.regex(run.stderr, /error: it broke/);
  t.regex(run.stdout, /FAIL compile \(.*\) exit status 2/);
  t.regex(run.stdout, /SKIP {2}check .*an earlier step failed/);
  t.regex(run.stdout, /Build FAILED/);
  t.like(readOnlyResult(cwd).client_info, { success: false });
});

test('--no-clean-temp keeps the temp dir and says where it is', async (t) => {
  const cwd = makeTempDir(t);
  const run = await runTypeScript(fixture('passing.ts'), ['-N'], { cwd });
  const { tempdir } = readOnlyResult(cwd).client_info;
  t.teardown(() => rmSync(tempdir, { recursive: true, force: true }));
  t.is(run.code, 0);
  t.true(existsSync(path.join(tempdir, 'out.txt')));
  t.true(run.stdout.includes(`kept ${tempdir}`));
});

test('bad options are all named, with a pointer to --help, and exit 2', async (t) => {
  const run = await runTypeScript(fixture('passing.ts'), ['--bogus', '--report'], { cwd: makeTempDir(t) });
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown option --bogus/);
  t.regex(run.stderr, /option --report needs a value/);
  t.regex(run.stderr, /--help/);
});

test('--help lists the original options', async (t) => {
  const run = await runTypeScript(fixture('passing.ts'), ['--help']);
  t.is(run.code, 0);
  for (const option of ['--report URL', '--server-url', '--force-build', '--no-report', '--no-clean-temp', '--tagset', '--verbose', '--debug']) {
    t.true(run.stdout.includes(option), option);
  }
});

test('Ctrl-C kills the step and its children, leaves the temp dir, writes the result and exits 130', async (t) => {
  const cwd = makeTempDir(t);
  const pidFile = path.join(cwd, 'pid');
  const running = startTypeScript(fixture('slow.ts'), [], { cwd, env: { PID_FILE: pidFile } });
  await running.waitForOutput('sleeping now');
  const shellPid = Number(readFileSync(pidFile, 'utf8'));
  running.child.kill('SIGINT');
  const run = await running.finished;
  t.is(run.code, 130, run.stderr);
  t.regex(run.stderr, /SIGINT received; stopping the build/);
  t.regex(run.stdout, /STOP sleep/);
  const result = readOnlyResult(cwd);
  t.is(result.results_list[0].termination, 'interrupted');
  t.is(result.results_list.length, 1);
  t.false(existsSync(result.client_info.tempdir));
  t.throws(() => process.kill(shellPid, 0), { code: 'ESRCH' });
});

test('a result that cannot be written is named, and a passing build exits 3', async (t) => {
  const cwd = makeTempDir(t);
  writeFileSync(path.join(cwd, 'blocker'), '');
  const run = await runTypeScript(fixture('passing.ts'), ['--results-dir', 'blocker'], { cwd });
  t.is(run.code, 3, run.stdout + run.stderr);
  t.regex(run.stdout, /Build succeeded/);
  t.is(run.stderr, "pony-build: could not write the result: EEXIST: file already exists, mkdir 'blocker'\n");
  t.notRegex(run.stdout, /Result written/);
});
