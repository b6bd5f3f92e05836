import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { pythonVenv, tempDir } from '../../contexts/index.ts';
import { runBuild } from '../../runner/run/run-build.ts';
import { build, test as testStep } from '../../runner/steps/step-spec.ts';
import { RecipeError } from '../../runner/steps/validate-steps.ts';
import type { RunEvent } from '../../runner/events.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { probeEnvironment } from './probe-context.ts';

const runFile = promisify(execFile);
const makeWheel = new URL('../fixtures/contexts/make-wheel.py', import.meta.url).pathname;
const missingPackage = 'pony-build-no-such-package';

// Debian splits ensurepip into python3-venv; without it `python3 -m venv` cannot make a venv with pip.
const venvUnavailable = findWhyVenvIsUnavailable();
const venvTest = venvUnavailable ? test.skip : test;
if (venvUnavailable) {
  // ava prints a skipped test's title, so the reason shows in every run.
  test.skip(venvUnavailable, () => {});
}

let wheelDirectory = '';
// pip looks only at the wheel the tests build: there is no index to reach.
const offline = () => ({ PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelDirectory });

test.before(async () => {
  if (venvUnavailable) {
    return;
  }
  wheelDirectory = mkdtempSync(path.join(os.tmpdir(), 'pony-test-wheels-'));
  await runFile('python3', [makeWheel, wheelDirectory, 'hello-venv', '0.4.2']);
});

test.after.always(() => {
  if (wheelDirectory) {
    rmSync(wheelDirectory, { recursive: true, force: true });
  }
});

venvTest('makes a venv with the packages, puts it first on PATH, records what it holds and removes it', async (t) => {
  const probe = probeEnvironment(['PATH', 'VIRTUAL_ENV']);
  const outcome = await runBuild({
    package: 'p',
    env: { ...offline(), VIRTUAL_ENV: undefined },
    contexts: [tempDir(), probe.context, pythonVenv({ packages: ['hello-venv'], optionalPackages: [missingPackage] })],
    steps: [
      testStep(['hello-venv'], { name: 'script on PATH' }),
      build(['python', '-c', 'import os, sys; print(sys.prefix == os.environ["VIRTUAL_ENV"], sys.prefix)'], { name: 'python is the venv' }),
    ],
  });
  t.true(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.name, step.type, step.status === 0, step.allowed_to_fail]), [
    ['create python venv', 'setup', true, undefined],
    ['install python packages', 'setup', true, undefined],
    [`install optional python package ${missingPackage}`, 'setup', false, true],
    ['script on PATH', 'test', true, undefined],
    ['python is the venv', 'build', true, undefined],
  ]);
  const venv = outcome.clientInfo.virtualenv as string;
  t.deepEqual(outcome.results[0].command, ['python3', '-m', 'venv', venv]);
  t.regex(outcome.results[2].errout, /No matching distribution found for pony-build-no-such-package/);
  t.is(outcome.results[3].output, 'hello from hello-venv 0.4.2\n');
  t.is(outcome.results[4].output, `True ${venv}\n`);

  t.regex(outcome.clientInfo.python_version as string, /^3\.\d+\.\d+/);
  const installed = outcome.clientInfo.python_dependencies as Record<string, string>;
  t.is(installed['hello-venv'], '0.4.2');
  t.true('pip' in installed);
  t.false(missingPackage in installed);
  t.false(existsSync(venv));
  t.deepEqual(probe.seen[1], { phase: 'exit', values: probe.seen[0].values }, 'PATH and VIRTUAL_ENV are given back as they were');
  t.is(probe.seen[1].values.VIRTUAL_ENV, undefined);
});

venvTest('a required package that cannot be installed stops the build, and the venv is removed', async (t) => {
  const venv = path.join(makeTempDir(t), 'venv');
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    env: offline(),
    contexts: [tempDir(), pythonVenv({ directory: venv, packages: ['hello-venv', missingPackage] })],
    steps: [testStep(['hello-venv'], { name: 'never runs' })],
    consumers: [(event) => void events.push(event)],
  });
  t.false(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.name, step.status === 0]), [
    ['create python venv', true],
    ['install python packages', false],
    ['enter python venv', false],
  ]);
  t.regex(outcome.results[2].errout, /^python venv: could not install hello-venv, pony-build-no-such-package: `install python packages` exited with 1; its output ends with:\n.*No matching distribution found for pony-build-no-such-package/s);
  t.deepEqual(events.flatMap((event) => (event.type === 'step:skip' ? [event.name] : [])), ['never runs']);
  t.false(existsSync(venv));
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

venvTest('keep leaves the venv in place, and a relative directory is made inside the build directory', async (t) => {
  const parent = makeTempDir(t);
  const outcome = await runBuild({
    package: 'p',
    keep: true,
    contexts: [tempDir({ parent }), pythonVenv({ directory: 'venv' })],
    steps: [build(['python', '-c', 'import sys; print(sys.prefix)'])],
  });
  t.true(outcome.clientInfo.success);
  const venv = path.join(outcome.clientInfo.tempdir as string, 'venv');
  t.is(outcome.clientInfo.virtualenv, venv);
  t.is(outcome.results.at(-1)!.output, `${venv}\n`);
  t.true(existsSync(path.join(venv, 'bin', 'python')));
});

test('an interpreter that cannot be started is a failed setup step', async (t) => {
  const outcome = await runBuild({ package: 'p', contexts: [pythonVenv({ python: '/nonexistent/python3' })], steps: [build(['true'])] });
  t.deepEqual(outcome.results.map((step) => [step.name, step.status]), [['create python venv', -1], ['enter python venv', -1]]);
  t.regex(outcome.results[1].errout, /^python venv: could not create a venv with `\/nonexistent\/python3`: `create python venv` could not start/);
});

test('unknown and mistyped options are named together', (t) => {
  const error = t.throws(() => pythonVenv({ package: ['a'], packages: ['ok', ''], keep: 'yes' } as never), { instanceOf: RecipeError });
  t.deepEqual(error?.problems, [
    'pythonVenv: unknown option `package`; expected one of `packages`, `optionalPackages`, `python`, `directory`, `indexUrl`, `keep`',
    'pythonVenv: expected `packages` to be an array of non-empty strings, got `["ok",""]` (array)',
    'pythonVenv: expected `keep` to be a boolean, got `yes` (string)',
  ]);
});

function findWhyVenvIsUnavailable(): string | undefined {
  try {
    execFileSync('python3', ['-c', 'import ensurepip, venv'], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `python3 cannot make a venv with pip (install python3-venv): ${(error as Error).message.split('\n')[0]}`;
  }
}
