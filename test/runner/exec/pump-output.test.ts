import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../../runner/exec/index.ts';
import type { OutputStream } from '../../../wire/types.ts';
import { getFixturePath, isProcessRunning, killIfRunning, makeNoisyText, nodeFixture } from './helpers.ts';

// Calls overlapping on one stream would mean the pipe was not paused while the consumer waited.
function makeSlowConsumer(delayMs: number) {
  const received: Record<OutputStream, string[]> = { output: [], errout: [] };
  const inFlight: Record<OutputStream, number> = { output: 0, errout: 0 };
  let maxInFlight = 0;
  return {
    received,
    getMaxInFlight: () => maxInFlight,
    onOutput: async (stream: OutputStream, text: string): Promise<void> => {
      inFlight[stream]++;
      maxInFlight = Math.max(maxInFlight, inFlight[stream]);
      received[stream].push(text);
      await sleep(delayMs);
      inFlight[stream]--;
    },
  };
}

test('a slow onOutput pauses the stream and still gets all output in order', async (t) => {
  const consumer = makeSlowConsumer(15);
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(1_000_000)), onOutput: consumer.onOutput });
  t.is(outcome.status, 0);
  t.is(consumer.received.output.join(''), makeNoisyText(1_000_000));
  t.is(consumer.getMaxInFlight(), 1);
  t.true(consumer.received.output.length >= 2);
});

// The pipe grace in runner/exec/run-command.ts: how long leftover pipes are read after exit.
const PIPE_GRACE_MS = 500;

test('output still in the pipe when the command exits is not lost to a slow consumer', async (t) => {
  // 300 KB is more than one read of the runner takes, so the command exits with
  // output still unread. Each delivery alone outlasts the grace allowed for leftover pipes,
  // which must not count time spent waiting on the consumer; otherwise the rest is lost.
  const consumer = makeSlowConsumer(PIPE_GRACE_MS + 100);
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(300_000)), onOutput: consumer.onOutput });
  t.is(consumer.received.output.join(''), makeNoisyText(300_000));
  t.is(outcome.output, makeNoisyText(300_000));
});

test('a process that left the step\'s group and holds its pipes open does not hang the step', async (t) => {
  const startedAt = performance.now();
  const outcome = await runCommand({ command: [getFixturePath('holds-pipes.sh')] });
  const elapsed = performance.now() - startedAt;
  const background = Number(outcome.output.trim());
  t.teardown(() => killIfRunning(background));
  t.true(background > 0);
  t.is(outcome.status, 0);
  t.is(outcome.termination, undefined);
  t.is(outcome.endedLeftoverProcesses, undefined);
  // The step ended while the process holding its pipes still runs (sleep 3600): it waited for the
  // grace, which a timer cannot cut short, and not for the pipes to close.
  t.true(isProcessRunning(background), 'the background process still runs');
  t.true(elapsed >= PIPE_GRACE_MS - 10, `took ${elapsed} ms`);
});
