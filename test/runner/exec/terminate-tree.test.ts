import test from 'ava';
import { runCommand } from '../../../runner/exec/index.ts';
import { getFixturePath, isProcessRunning, killIfRunning, nodeFixture, waitUntilStopped } from './helpers.ts';

// Node's timers count whole milliseconds, so one may fire up to a millisecond early by
// performance.now(); a timer never fires sooner than that, however busy the machine.
const TIMER_ROUNDING_MS = 10;

test('a timeout kills the whole process tree and is recorded', async (t) => {
  // Long enough for a busy machine to start the script and its grandchild before it fires.
  const outcome = await runCommand({ command: [getFixturePath('spawns-children.sh')], timeoutMs: 3000 });
  const grandchild = Number(outcome.output.trim());
  t.teardown(() => killIfRunning(grandchild));
  t.true(grandchild > 0, `output: ${outcome.output}`);
  // Ended by the timeout's SIGTERM, not by the grace period's SIGKILL nor by the script's own
  // end (it waits on a sleep of an hour).
  t.is(outcome.termination, 'timeout');
  t.is(outcome.signal, 'SIGTERM');
  t.is(outcome.status, 143);
  t.is(outcome.error, 'timed out after 3 s; process tree killed');
  t.true(outcome.durationSeconds >= 3 - TIMER_ROUNDING_MS / 1000, `took ${outcome.durationSeconds} s`);
  // The grandchild died from the same SIGTERM; only reaping may lag behind.
  await waitUntilStopped(grandchild);
  t.false(isProcessRunning(grandchild));
});

test('a command that ignores SIGTERM is killed with SIGKILL after the grace period', async (t) => {
  const controller = new AbortController();
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
  // The grace was given in full. How soon after it the tree is gone is timing, measured by
  // `npm run bench` (bench/termination-latency.ts).
  t.true(elapsed >= 300 - TIMER_ROUNDING_MS, `killed ${elapsed} ms after the interruption`);
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
  await waitUntilStopped(grandchild);
  t.false(isProcessRunning(grandchild));
});

test('survivors of SIGTERM are killed as soon as the command itself is gone', async (t) => {
  // The shell dies from SIGTERM while the grandchild ignores it and keeps the pipes open. The
  // grace before SIGKILL is as long as a timer allows (about 24.8 days), so only the kill when
  // the command is gone can end the grandchild while the test runs.
  const script = `${process.execPath} ${getFixturePath('ignores-sigterm.js')} & echo "$!"; wait`;
  const controller = new AbortController();
  let grandchild = 0;
  const outcome = await runCommand({
    command: script,
    shell: true,
    signal: controller.signal,
    killGraceMs: 2 ** 31 - 1,
    onOutput: (_stream, text) => {
      const pid = /^(\d+)$/m.exec(text);
      if (pid) grandchild = Number(pid[1]);
      if (text.includes('ready')) controller.abort();
    },
  });
  t.teardown(() => killIfRunning(grandchild));
  t.is(outcome.termination, 'interrupted');
  t.is(outcome.signal, 'SIGTERM');
  t.is(outcome.error, 'interrupted; process tree killed');
  await waitUntilStopped(grandchild);
  t.false(isProcessRunning(grandchild));
});
