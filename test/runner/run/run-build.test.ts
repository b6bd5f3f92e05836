import { existsSync } from 'node:fs';
import test from 'ava';
import { tempDir } from '../../../contexts/index.ts';
import type { BuildContext } from '../../../runner/context.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build, functionStep, setup, test as testStep } from '../../../runner/steps/step-spec.ts';
import type { RunEvent } from '../../../runner/events.ts';

const sh = (script: string, options = {}) => build(script, { shell: true, ...options });

test('a build stops at the first failing step and shows the rest as skipped', async (t) => {
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    steps: [sh('echo one', { name: 'one' }), sh('echo two >&2; exit 3', { name: 'two' }), sh('echo three', { name: 'three' })],
    consumers: [(event) => void events.push(event)],
  });
  t.false(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.name, step.status]), [['one', 0], ['two', 3]]);
  t.is(outcome.results[1].errout, 'two\n');
  t.deepEqual(events.filter((event) => event.type === 'step:skip').map((event) => event.type === 'step:skip' && event.name), ['three']);
  t.deepEqual(events.map((event) => event.type).filter((type) => type !== 'step:output'), [
    'build:start', 'step:start', 'step:end', 'step:start', 'step:end', 'step:skip', 'build:end',
  ]);
});

test('keepGoing runs every step and the build still fails', async (t) => {
  const outcome = await runBuild({ package: 'p', keepGoing: true, steps: [sh('exit 1'), sh('echo after')] });
  t.deepEqual(outcome.results.map((step) => step.status), [1, 0]);
  t.false(outcome.clientInfo.success);
});

test('a step allowed to fail neither fails nor stops the build', async (t) => {
  const outcome = await runBuild({ package: 'p', steps: [sh('exit 4', { allowFailure: true }), sh('echo after')] });
  t.true(outcome.clientInfo.success);
  t.deepEqual(outcome.results.map((step) => [step.status, step.allowed_to_fail]), [[4, true], [0, undefined]]);
});

test('client_info carries the original keys and the result steps the original step keys', async (t) => {
  const outcome = await runBuild({ package: 'hello', tags: ['a', 'b'], steps: [testStep(['node', '-e', 'console.log("hi")'], { name: 'greet' })] });
  const { clientInfo, results } = outcome;
  t.is(clientInfo.package, 'hello');
  t.deepEqual(clientInfo.tags, ['a', 'b']);
  t.true(clientInfo.success);
  t.is(typeof clientInfo.host, 'string');
  t.regex(clientInfo.arch, /^[a-z]+-\w+/);
  t.true(clientInfo.duration! >= results[0].duration);
  t.like(results[0], { name: 'greet', type: 'test', status: 0, output: 'hi\n', errout: '', command: ['node', '-e', 'console.log("hi")'] });
});

test('steps run in a fresh temp dir that is removed afterwards, or kept when asked', async (t) => {
  for (const keep of [false, true]) {
    const outcome = await runBuild({ package: 'p', keep, contexts: [tempDir()], steps: [build(['pwd'])] });
    const directory = outcome.clientInfo.tempdir as string;
    t.is(outcome.results[0].output.trim(), directory);
    t.is(existsSync(directory), keep);
  }
});

function recordingContext(name: string, calls: string[], failOnEnter = false): BuildContext {
  return {
    name,
    async enter() {
      calls.push(`enter ${name}`);
      if (failOnEnter) {
        throw new Error(`${name} is broken`);
      }
    },
    async exit() {
      calls.push(`exit ${name}`);
    },
  };
}

test('contexts are left in reverse order, and a context that fails to enter skips the steps but not the exits', async (t) => {
  const calls: string[] = [];
  const outcome = await runBuild({
    package: 'p',
    contexts: [recordingContext('outer', calls), recordingContext('broken', calls, true), recordingContext('inner', calls)],
    steps: [sh('echo never')],
  });
  t.deepEqual(calls, ['enter outer', 'enter broken', 'exit outer']);
  t.false(outcome.clientInfo.success);
  t.like(outcome.results[0], { name: 'enter broken', type: 'setup', status: -1, errout: 'broken is broken\n' });
  t.is(outcome.results.length, 1);
});

test('contexts are left even when a step fails', async (t) => {
  const calls: string[] = [];
  await runBuild({ package: 'p', contexts: [recordingContext('a', calls), recordingContext('b', calls)], steps: [sh('exit 1')] });
  t.deepEqual(calls, ['enter a', 'enter b', 'exit b', 'exit a']);
});

test('an interrupted build kills the running step, skips the rest, leaves the contexts and says so', async (t) => {
  const controller = new AbortController();
  const calls: string[] = [];
  const outcome = await runBuild({
    package: 'p',
    signal: controller.signal,
    contexts: [recordingContext('ctx', calls), tempDir()],
    steps: [sh('echo started; sleep 30', { name: 'long' }), sh('echo never')],
    // Interrupted once the step is surely running: it has printed.
    consumers: [(event) => void (event.type === 'step:output' && event.text.includes('started') && controller.abort())],
  });
  t.true(outcome.interrupted);
  t.false(outcome.clientInfo.success);
  t.is(outcome.results.length, 1);
  t.is(outcome.results[0].termination, 'interrupted');
  // Killed, not left to finish its sleep of 30 s.
  t.is(outcome.results[0].signal, 'SIGTERM');
  t.deepEqual(calls, ['enter ctx', 'exit ctx']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

test('a step that runs out of time is killed and recorded as timed out', async (t) => {
  // The timeout leaves a busy machine time to start the shell and print before it fires.
  const outcome = await runBuild({ package: 'p', steps: [sh('echo start; sleep 30', { timeout: 3 })] });
  t.like(outcome.results[0], { termination: 'timeout', signal: 'SIGTERM', output: 'start\n' });
  t.false(outcome.clientInfo.success);
});

test('a function step gets zx $ in the step directory, and its output is captured', async (t) => {
  const outcome = await runBuild({
    package: 'p',
    contexts: [tempDir()],
    steps: [
      functionStep('make a file', async ({ $, log }) => {
        await $`echo content > made.txt`;
        log('made it');
      }),
      testStep(['cat', 'made.txt']),
    ],
  });
  t.true(outcome.clientInfo.success);
  t.is(outcome.results[0].output, '$ echo content > made.txt\nmade it\n');
  t.is(outcome.results[1].output, 'content\n');
});

test('a function step that throws fails with the error in its errout', async (t) => {
  const outcome = await runBuild({
    package: 'p',
    steps: [functionStep('explode', async ({ $ }) => { await $`exit 7`; }, { type: 'test' })],
  });
  t.false(outcome.clientInfo.success);
  t.like(outcome.results[0], { status: 1, type: 'test' });
  t.regex(outcome.results[0].errout, /exit code: 7|code: 7|7/);
});

test('recipe mistakes are reported together before anything runs', async (t) => {
  const error = await t.throwsAsync(
    runBuild({
      package: 'p',
      steps: [build('make all'), build(['make'], { timeout: -1, colour: 'red' } as never), setup([])],
    }),
  );
  t.regex(error.message, /3 problems|4 problems/);
  t.regex(error.message, /step 1 \(make all\): the command is a string, `make all`; pass an argv array, or `shell: true`/);
  t.regex(error.message, /step 2 \(make\): unknown option `colour`/);
  t.regex(error.message, /step 2 \(make\): expected `timeout` to be a positive number of seconds, got `-1` \(number\)/);
  t.regex(error.message, /step 3 .*non-empty argv array/);
});

test('a timeout too long for node timers is a recipe mistake, not a crash mid-build', async (t) => {
  const error = await t.throwsAsync(runBuild({ package: 'p', steps: [build(['true'], { timeout: 3_000_000 })] }));
  t.regex(error.message, /step 1 \(true\): expected `timeout` to be at most 2147483 seconds \(about 24 days\), got `3000000` \(number\)/);
});

test('a step that cannot be run at all fails like any other, and the build still ends', async (t) => {
  const { mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const logDir = mkdtempSync(`${tmpdir()}/pony-logs-`);
  t.teardown(() => rmSync(logDir, { recursive: true, force: true }));
  mkdirSync(`${logDir}/001-first.log`); // the log file's path is taken by a directory
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    logDir,
    keepGoing: true,
    steps: [sh('echo one', { name: 'first' }), sh('echo two', { name: 'second' })],
    consumers: [(event) => void events.push(event)],
  });
  t.false(outcome.clientInfo.success);
  t.like(outcome.results[0], { name: 'first', status: -1 });
  t.regex(outcome.results[0].errout, /pony-build could not run this step: .*001-first\.log/);
  t.like(outcome.results[1], { name: 'second', status: 0, output: 'two\n' });
  t.is(events.at(-1)?.type, 'build:end');
});

test('a function step that times out has everything it started killed, children included', async (t) => {
  const { existsSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { isProcessRunning, killIfRunning, waitUntilStopped } = await import('../exec/helpers.ts');
  const directory = mkdtempSync(`${tmpdir()}/pony-fn-`);
  t.teardown(() => rmSync(directory, { recursive: true, force: true }));
  const pidFile = `${directory}/pid`;
  // The timeout is the thing tested, so it must be time, and the grandchild must be started
  // before it fires. On a machine busy with other test files and CPU-bound processes, loading
  // zx and starting a shell has taken over five seconds; a run killed before the shell wrote
  // the pid proves nothing, so it is tried again with twice the time, a bounded number of times.
  for (const timeout of [5, 10, 20, 40]) {
    const outcome = await runBuild({
      package: 'p',
      steps: [
        functionStep('warms up zx', async ({ $ }) => {
          await $`true`;
        }),
        functionStep('starts a grandchild', async ({ $ }) => {
          // Sleeps longer than any test run, so only the kill can end them.
          await $`sh -c ${`sleep 3601 & echo $! > ${pidFile}; sleep 3602`}`;
        }, { timeout }),
      ],
    });
    t.like(outcome.results[1], { termination: 'timeout' });
    if (!existsSync(pidFile)) {
      t.log(`the shell had not started within ${timeout} s; trying again with more time`);
      continue;
    }
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    t.teardown(() => killIfRunning(grandchild));
    await waitUntilStopped(grandchild);
    t.false(isProcessRunning(grandchild), 'the background sleep is gone');
    return;
  }
  t.fail('the shell never started within the timeouts tried');
});

test('each run makes one submission id, announced at build:start and carried by the result', async (t) => {
  const starts: RunEvent[] = [];
  const first = await runBuild({ package: 'p', tags: ['t'], info: { from_recipe: 1 }, steps: [sh('true')], consumers: [(event) => void (event.type === 'build:start' && starts.push(event))] });
  const second = await runBuild({ package: 'p', steps: [] });
  const id = first.clientInfo.submission_id;
  t.regex(String(id), /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
  t.not(second.clientInfo.submission_id, id);
  t.deepEqual(starts.map((event) => event.type === 'build:start' && event.clientInfo), [
    { from_recipe: 1, package: 'p', host: first.clientInfo.host, arch: first.clientInfo.arch, success: false, tags: ['t'], submission_id: id },
  ]);
});
