import test from 'ava';
import { runCommand } from '../../../runner/exec/index.ts';
import { getFixturePath, isProcessRunning, killIfRunning, nodeFixture, waitUntilStopped } from './helpers.ts';

test('a timeout kills the whole process tree and is recorded', async (t) => {
  const outcome = await runCommand({ command: [getFixturePath('spawns-children.sh')], timeoutMs: 700 });
  const grandchild = Number(outcome.output.trim());
  t.teardown(() => killIfRunning(grandchild));
  t.true(grandchild > 0, `output: ${outcome.output}`);
  t.is(outcome.termination, 'timeout');
  t.is(outcome.signal, 'SIGTERM');
  t.is(outcome.status, 143);
  t.is(outcome.error, 'timed out after 0.7 s; process tree killed');
  t.true(outcome.durationSeconds >= 0.7 && outcome.durationSeconds < 2, `took ${outcome.durationSeconds} s`);
  // The grandchild died from the same SIGTERM; only reaping may lag behind.
  t.true(await waitUntilStopped(grandchild, 500));
});

test('a command that ignores SIGTERM is killed with SIGKILL after the grace period', async (t) => {
  const controller = new AbortController();
  const startedAt = performance.now();
  let interruptedAt = 0;
  const outcome = await runCommand({
    command: nodeFixture('ignores-sigterm.js'),
    signal: controller.signal,
    killGraceMs: 300,
    onOutput: (stream, text) => {
      if (stream === 'output' && text.includes('ready')) {
        interruptedAt = performance.now();
        controller.abort();
      }
    },
  });
  const elapsed = performance.now() - interruptedAt;
  t.is(outcome.termination, 'interrupted');
  t.is(outcome.signal, 'SIGKILL');
  t.is(outcome.status, 137);
  t.is(outcome.errout, 'ignoring SIGTERM\n');
  t.is(outcome.error, 'interrupted; process tree killed with SIGKILL after a 0.3 s grace');
  t.true(elapsed >= 290 && elapsed < 1500, `killed ${elapsed} ms after the interruption, ${performance.now() - startedAt} ms in all`);
});

test('aborting during the run interrupts the command and kills its tree', async (t) => {
  const controller = new AbortController();
  let grandchild = 0;
  const outcome = await runCommand({
    command: [getFixturePath('spawns-children.sh')],
    signal: controller.signal,
    onOutput: (_stream, text) => {
      grandchild = Number(text.trim());
      controller.abort();
    },
  });
  t.teardown(() => killIfRunning(grandchild));
  t.is(outcome.termination, 'interrupted');
  t.is(outcome.status, 143);
  t.is(outcome.signal, 'SIGTERM');
  t.is(outcome.error, 'interrupted; process tree killed');
  t.true(await waitUntilStopped(grandchild, 500));
});

test('survivors of SIGTERM are killed as soon as the command itself is gone', async (t) => {
  // The shell dies from SIGTERM while the grandchild ignores it and keeps the pipes open.
  const script = `${process.execPath} ${getFixturePath('ignores-sigterm.js')} & echo "$!"; wait`;
  const controller = new AbortController();
  let grandchild = 0;
  const startedAt = performance.now();
  const outcome = await runCommand({
    command: script,
    shell: true,
    signal: controller.signal,
    killGraceMs: 5000,
    onOutput: (_stream, text) => {
      const pid = /^(\d+)$/m.exec(text);
      if (pid) grandchild = Number(pid[1]);
      if (text.includes('ready')) controller.abort();
    },
  });
  t.teardown(() => killIfRunning(grandchild));
  t.is(outcome.termination, 'interrupted');
  t.is(outcome.signal, 'SIGTERM');
  t.true(performance.now() - startedAt < 3000);
  t.true(await waitUntilStopped(grandchild, 500));
  t.false(isProcessRunning(grandchild));
});
