import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../runner/exec/index.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { getFixturePath, isProcessRunning, nodeFixture, recordOutput, waitUntilStopped } from './helpers.ts';

test('a successful command reports status 0 and its output', async (t) => {
  const startedAt = performance.now();
  const outcome = await runCommand({ command: ['echo', 'hello', 'world'] });
  const secondsAround = (performance.now() - startedAt) / 1000;
  t.is(outcome.status, 0);
  t.is(outcome.output, 'hello world\n');
  t.is(outcome.errout, '');
  t.is(outcome.signal, undefined);
  t.is(outcome.termination, undefined);
  t.is(outcome.error, undefined);
  t.is(outcome.outputTruncatedBytes, 0);
  // Seconds, not milliseconds: the command's duration lies within the call that ran it.
  t.true(outcome.durationSeconds > 0 && outcome.durationSeconds <= secondsAround, `${outcome.durationSeconds} s of ${secondsAround} s`);
});

test('a failing command reports its exit code, with stdout and stderr kept apart', async (t) => {
  const outcome = await runCommand({ command: nodeFixture('fail.js', '3') });
  t.is(outcome.status, 3);
  t.is(outcome.output, 'about to fail\n');
  t.is(outcome.errout, 'failing on purpose\n');
  t.is(outcome.error, undefined);
});

test('a command killed by a signal reports 128 + the signal number, as a shell does', async (t) => {
  const outcome = await runCommand({ command: nodeFixture('kills-itself.js', 'SIGTERM') });
  t.is(outcome.status, 143);
  t.is(outcome.signal, 'SIGTERM');
  t.is(outcome.termination, undefined);
  t.is(outcome.error, 'killed by SIGTERM');
});

test('live output arrives while the command runs, in order', async (t) => {
  const cue = join(makeTempDir(t), 'cue');
  execFileSync('mkfifo', [cue]);
  const recorder = recordOutput();
  const outcome = await runCommand({
    command: nodeFixture('lines-on-cue.js', '8', cue),
    // The fixture prints each next line only once the last one was cued from here: every line
    // must have arrived live, on its own, for the command to end at all.
    onOutput: async (stream, text) => {
      recorder.onOutput(stream, text);
      if (text !== 'line 8\n') await writeFile(cue, 'next\n');
    },
  });
  const lines = ['line 1\n', 'line 2\n', 'line 3\n', 'line 4\n', 'line 5\n', 'line 6\n', 'line 7\n', 'line 8\n'];
  t.is(outcome.output, lines.join(''));
  t.is(recorder.textOf('output'), outcome.output);
  t.deepEqual(recorder.deliveries.map((delivery) => delivery.text), lines);
});

test('live output tells stdout from stderr', async (t) => {
  const recorder = recordOutput();
  const outcome = await runCommand({ command: nodeFixture('both-streams.js', '3'), onOutput: recorder.onOutput });
  t.is(recorder.textOf('output'), 'out 1\nout 2\nout 3\n');
  t.is(recorder.textOf('errout'), 'err 1\nerr 2\nerr 3\n');
  t.is(outcome.output, 'out 1\nout 2\nout 3\n');
  t.is(outcome.errout, 'err 1\nerr 2\nerr 3\n');
});

test('env is merged over the runner\'s environment and undefined removes a variable', async (t) => {
  process.env.PONY_EXEC_INHERITED = 'inherited';
  process.env.PONY_EXEC_REMOVED = 'present';
  t.teardown(() => {
    delete process.env.PONY_EXEC_INHERITED;
    delete process.env.PONY_EXEC_REMOVED;
  });
  const outcome = await runCommand({
    command: nodeFixture('print-env.js', 'PONY_EXEC_INHERITED', 'PONY_EXEC_REMOVED', 'PONY_EXEC_ADDED'),
    env: { PONY_EXEC_ADDED: 'added', PONY_EXEC_REMOVED: undefined },
  });
  t.deepEqual(JSON.parse(outcome.output).env, {
    PONY_EXEC_INHERITED: 'inherited',
    PONY_EXEC_REMOVED: null,
    PONY_EXEC_ADDED: 'added',
  });
});

test('the command runs in cwd', async (t) => {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), 'pony-exec-cwd-')));
  const outcome = await runCommand({ command: nodeFixture('print-env.js'), cwd: directory });
  t.is(JSON.parse(outcome.output).cwd, directory);
});

test('a shell string runs through /bin/sh with pipes and variables', async (t) => {
  const outcome = await runCommand({ command: 'echo "$GREETING" | tr a-z A-Z; exit 4', shell: true, env: { GREETING: 'hi there' } });
  t.is(outcome.output, 'HI THERE\n');
  t.is(outcome.status, 4);
});

test('an argv array passes arguments untouched by any shell', async (t) => {
  const outcome = await runCommand({ command: ['echo', '$HOME', '*', 'a  b'] });
  t.is(outcome.output, '$HOME * a  b\n');
});

test('an argv array with shell: true is joined with spaces', async (t) => {
  const outcome = await runCommand({ command: ['echo', 'a', '&&', 'echo', 'b'], shell: true });
  t.is(outcome.output, 'a\nb\n');
});

test('a string command without shell: true is rejected, naming the option', async (t) => {
  await t.throwsAsync(runCommand({ command: 'make -j4' }), {
    name: 'CommandOptionsError',
    message: 'Expected the `command` option to be an array of strings unless the `shell` option is true, got `make -j4` (string)',
  });
});

test('fixtures can also be run through their shebang', async (t) => {
  const outcome = await runCommand({ command: [getFixturePath('fail.js'), '5'] });
  t.is(outcome.status, 5);
});

test('an already aborted signal means the command never starts', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'pony-exec-aborted-'));
  const marker = join(directory, 'started');
  const outcome = await runCommand({ command: ['touch', marker], signal: AbortSignal.abort() });
  t.deepEqual(outcome, {
    status: -1,
    termination: 'interrupted',
    output: '',
    errout: '',
    outputTruncatedBytes: 0,
    erroutTruncatedBytes: 0,
    durationSeconds: 0,
    error: 'interrupted before the command started',
  });
  const check = await runCommand({ command: ['test', '-e', marker] });
  t.is(check.status, 1);
});

test('an onOutput that throws kills the command and rejects with its error', async (t) => {
  let pid = 0;
  await t.throwsAsync(
    runCommand({
      command: nodeFixture('forever.js'),
      onOutput: (_stream, text) => {
        pid = Number(/ready (\d+)/.exec(text)?.[1]);
        throw new Error('consumer broke');
      },
    }),
    { message: 'consumer broke' },
  );
  t.true(pid > 0);
  await waitUntilStopped(pid);
  t.false(isProcessRunning(pid));
});

test('an onOutput whose promise rejects kills the command and rejects with its error', async (t) => {
  await t.throwsAsync(
    runCommand({ command: nodeFixture('forever.js'), onOutput: async () => Promise.reject(new Error('consumer rejected')) }),
    { message: 'consumer rejected' },
  );
});
