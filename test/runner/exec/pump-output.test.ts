import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../../runner/exec/index.ts';
import type { OutputStream } from '../../../wire/types.ts';
import { getFixturePath, killIfRunning, makeNoisyText, nodeFixture } from './helpers.ts';

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

test('output still in the pipe when the command exits is not lost to a slow consumer', async (t) => {
  // The command exits with ~64 KiB or more still in the pipe; consuming it takes longer than the
  // 500 ms allowed for leftover pipes, which must not count time spent waiting on the consumer.
  const consumer = makeSlowConsumer(300);
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(300_000)), onOutput: consumer.onOutput });
  t.is(consumer.received.output.join(''), makeNoisyText(300_000));
  t.is(outcome.output, makeNoisyText(300_000));
});

test('a background process holding the pipes open does not hang the step', async (t) => {
  const startedAt = performance.now();
  const outcome = await runCommand({ command: [getFixturePath('holds-pipes.sh')] });
  const elapsed = performance.now() - startedAt;
  const background = Number(outcome.output.trim());
  t.teardown(() => killIfRunning(background));
  t.true(background > 0);
  t.is(outcome.status, 0);
  t.is(outcome.termination, undefined);
  t.true(elapsed >= 450 && elapsed < 1500, `took ${elapsed} ms`);
});
