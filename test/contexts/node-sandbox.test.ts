import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { nodeSandbox, tempDir } from '../../contexts/index.ts';
import { runBuild } from '../../runner/run/run-build.ts';
import { build, test as testStep } from '../../runner/steps/step-spec.ts';
import { RecipeError } from '../../runner/steps/validate-steps.ts';
import type { RunEvent } from '../../runner/events.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { probeEnvironment } from './probe-context.ts';

const runFile = promisify(execFile);
const fixture = new URL('../fixtures/contexts/hello-sandbox/', import.meta.url).pathname;
const missingPackage = 'file:/nonexistent/pony-build-missing-package';
// Installs come from local tarballs only; offline makes any registry lookup fail fast instead of hanging.
const offline = { npm_config_offline: 'true' };

let tarball = '';
let packDirectory = '';

test.before(async () => {
  packDirectory = mkdtempSync(path.join(os.tmpdir(), 'pony-test-pack-'));
  const { stdout } = await runFile('npm', ['pack', fixture, '--pack-destination', packDirectory, '--json'], { env: { ...process.env, ...offline } });
  tarball = path.join(packDirectory, (JSON.parse(stdout) as { filename: string }[])[0].filename);
});

test.after.always(() => {
  rmSync(packDirectory, { recursive: true, force: true });
});

test('installs a packed package into a fresh prefix, puts its bin first on PATH, records its version and removes the prefix', async (t) => {
  const probe = probeEnvironment(['PATH', 'NODE_PATH']);
  const outcome = await runBuild({
    package: 'p',
    env: offline,
    contexts: [tempDir(), probe.context, nodeSandbox({ dependencies: [tarball], optionalDependencies: [missingPackage] })],
    steps: [
      testStep(['hello-sandbox'], { name: 'bin on PATH' }),
      build(['node', '-e', 'console.log(require("hello-sandbox/package.json").version)'], { name: 'require through NODE_PATH' }),
    ],
  });
  t.true(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.name, step.type, step.status === 0, step.allowed_to_fail]), [
    ['install node dependencies', 'setup', true, undefined],
    [`install optional node dependency ${missingPackage}`, 'setup', false, true],
    ['bin on PATH', 'test', true, undefined],
    ['require through NODE_PATH', 'build', true, undefined],
  ]);
  const [install, optional, bin, required] = outcome.results;
  t.deepEqual((install.command as string[]).slice(0, 4), ['npm', 'install', '--prefix', outcome.clientInfo.node_sandbox]);
  t.true((install.command as string[]).includes(tarball));
  t.regex(optional.errout, /nonexistent\/pony-build-missing-package/);
  t.is(bin.output, 'hello from the sandbox\n');
  t.is(required.output, '1.2.3\n');

  const prefix = outcome.clientInfo.node_sandbox as string;
  t.false(prefix.startsWith(outcome.clientInfo.tempdir as string), 'the prefix stays out of the build directory');
  t.deepEqual(outcome.clientInfo.node_dependencies, { 'hello-sandbox': '1.2.3' });
  t.false(existsSync(prefix));
  t.false(existsSync(outcome.clientInfo.tempdir as string));
  t.deepEqual(probe.seen[1], { phase: 'exit', values: probe.seen[0].values }, 'PATH and NODE_PATH are given back as they were');
});

test('keep leaves the prefix in place, and a relative directory is made inside the build directory', async (t) => {
  const parent = makeTempDir(t);
  const outcome = await runBuild({
    package: 'p',
    keep: true,
    env: offline,
    contexts: [tempDir({ parent }), nodeSandbox({ directory: 'sandbox', dependencies: [tarball] })],
    steps: [testStep(['hello-sandbox'])],
  });
  t.true(outcome.clientInfo.success);
  const prefix = outcome.clientInfo.node_sandbox as string;
  t.is(prefix, path.join(outcome.clientInfo.tempdir as string, 'sandbox'));
  t.true(existsSync(path.join(prefix, 'node_modules', '.bin', 'hello-sandbox')));
});

test('a required dependency that cannot be installed stops the build: the failed install is recorded, steps are skipped, exits still run', async (t) => {
  const prefix = path.join(makeTempDir(t), 'sandbox');
  const probe = probeEnvironment(['PATH']);
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    env: offline,
    contexts: [tempDir(), probe.context, nodeSandbox({ directory: prefix, dependencies: [tarball, missingPackage] })],
    steps: [testStep(['hello-sandbox'], { name: 'never runs' })],
    consumers: [(event) => void events.push(event)],
  });
  t.false(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.name, step.type, step.status !== 0]), [
    ['install node dependencies', 'setup', true],
    ['enter node sandbox', 'setup', true],
  ]);
  t.regex(outcome.results[1].errout, new RegExp(`^node sandbox: could not install .*pony-build-missing-package: \`install node dependencies\` exited with \\d+; its output ends with:\n`));
  t.deepEqual(events.flatMap((event) => (event.type === 'step:skip' ? [[event.name, event.reason]] : [])), [['never runs', 'a context could not be entered']]);
  t.deepEqual(probe.seen.map((seen) => seen.phase), ['enter', 'exit']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
  t.false(existsSync(prefix), 'a sandbox that could not be entered removes its own prefix');
});

test('a directory that already holds files is refused before anything is installed', async (t) => {
  const prefix = makeTempDir(t);
  writeFileSync(path.join(prefix, 'left-over.txt'), '');
  mkdirSync(path.join(prefix, 'node_modules'));
  const outcome = await runBuild({ package: 'p', contexts: [nodeSandbox({ directory: prefix, dependencies: [tarball] })], steps: [build(['true'])] });
  t.deepEqual(outcome.results.map((step) => step.name), ['enter node sandbox']);
  t.is(outcome.results[0].errout, `node sandbox: expected \`directory\` ${prefix} to be empty or missing, but it holds 2 entries (left-over.txt, node_modules)\n`);
  t.true(existsSync(path.join(prefix, 'left-over.txt')));
});

test('unknown and mistyped options are named together', (t) => {
  const error = t.throws(() => nodeSandbox({ dependecies: ['a'], registry: 3, optionalDependencies: 'b' } as never), { instanceOf: RecipeError });
  t.deepEqual(error?.problems, [
    'nodeSandbox: unknown option `dependecies`; expected one of `dependencies`, `optionalDependencies`, `directory`, `registry`, `keep`',
    'nodeSandbox: expected `registry` to be a non-empty string, got `3` (number)',
    'nodeSandbox: expected `optionalDependencies` to be an array of non-empty strings, got `b` (string)',
  ]);
});
