import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoundedCapture, formatTruncationMarker } from '../../../runner/exec/bounded-capture.ts';
import { CommandOutput } from '../../../runner/exec/command-output.ts';
import { runCommand } from '../../../runner/exec/index.ts';
import type { OutputStream } from '../../../wire/types.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { makeNoisyText, makeTurnText, nodeFixture, recordOutput, type Delivery } from './helpers.ts';

const PIECE_CHARACTERS = 64 * 1024;

function makeOutput(onOutput: (stream: OutputStream, text: string) => void | Promise<void>) {
  const waits: Promise<void>[] = [];
  const output = new CommandOutput({
    captures: { output: new BoundedCapture(1 << 20), errout: new BoundedCapture(1 << 20) },
    onOutput,
    onBehind: (wait) => void waits.push(wait),
    onConsumerError: (error) => {
      throw error;
    },
  });
  return { output, waits };
}

// Consecutive deliveries of one stream joined, so a test compares turns rather than pieces.
function joinTurns(deliveries: Delivery[]): Delivery[] {
  const turns: Delivery[] = [];
  for (const { stream, text } of deliveries) {
    const last = turns.at(-1);
    if (last?.stream === stream) last.text += text;
    else turns.push({ stream, text });
  }
  return turns;
}

test('a read larger than a piece goes out in pieces of at most 64 KiB, in order', async (t) => {
  const recorder = recordOutput();
  const { output } = makeOutput(recorder.onOutput);
  const text = makeNoisyText(200_000);
  output.receive('output', Buffer.from(text));
  await output.finish('output', false);
  t.is(recorder.textOf('output'), text);
  t.true(recorder.deliveries.length >= 4);
  t.true(recorder.deliveries.every((delivery) => delivery.text.length <= PIECE_CHARACTERS));
});

test('a read of the other stream first sends what waits of the one before', async (t) => {
  const recorder = recordOutput();
  const { output } = makeOutput(recorder.onOutput);
  output.receive('output', Buffer.from('one\n'));
  output.receive('output', Buffer.from('two\n'));
  output.receive('errout', Buffer.from('warning\n'));
  output.receive('output', Buffer.from('three\n'));
  await output.finish('output', false);
  await output.finish('errout', false);
  t.deepEqual(recorder.deliveries, [
    { stream: 'output', text: 'one\ntwo\n' },
    { stream: 'errout', text: 'warning\n' },
    { stream: 'output', text: 'three\n' },
  ]);
});

test('what waits goes out on its own shortly, without another read or the end', async (t) => {
  let resolveDelivered!: (delivery: Delivery) => void;
  const delivered = new Promise<Delivery>((resolve) => (resolveDelivered = resolve));
  const { output } = makeOutput((stream, text) => resolveDelivered({ stream, text }));
  output.receive('errout', Buffer.from('compiling...\n'));
  t.deepEqual(await delivered, { stream: 'errout', text: 'compiling...\n' });
});

test('a consumer that is behind is waited for, one delivery at a time', async (t) => {
  const received: string[] = [];
  let release!: () => void;
  const { output, waits } = makeOutput((_stream, text) => {
    received.push(text);
    return new Promise<void>((resolve) => (release = resolve));
  });
  const text = makeNoisyText(3 * PIECE_CHARACTERS);
  output.receive('output', Buffer.from(text));
  t.is(received.length, 1);
  t.is(waits.length, 1);
  const finished = output.finish('output', false);
  for (let delivery = 1; delivery <= 3; delivery++) {
    release();
    await waits.at(-1);
    t.is(received.length, Math.min(3, delivery + 1));
  }
  await finished;
  t.is(received.join(''), text);
});

test('the log, the captures and the live output keep the order the streams took turns in', async (t) => {
  const logFile = join(makeTempDir(t), 'step.log');
  const recorder = recordOutput();
  // Each block spans several reads and pieces; the fixture writes the next block, on the other
  // stream, only once the log holds the last.
  const outcome = await runCommand({ command: nodeFixture('takes-turns.js', '12', '100000', logFile), logFile, captureBytes: 2_000_000, onOutput: recorder.onOutput });
  const turns = Array.from({ length: 12 }, (_, turn) => makeTurnText(turn, 100_000));
  t.is(outcome.status, 0);
  t.is(readFileSync(logFile, 'utf8'), turns.join(''));
  t.is(outcome.output, turns.filter((_, turn) => turn % 2 === 0).join(''));
  t.is(outcome.errout, turns.filter((_, turn) => turn % 2 === 1).join(''));
  t.deepEqual(joinTurns(recorder.deliveries), turns.map((text, turn) => ({ stream: turn % 2 === 0 ? 'output' : 'errout', text })));
});

test('a large output reaches the log, the capture and the live listener byte for byte', async (t) => {
  const logFile = join(makeTempDir(t), 'step.log');
  const recorder = recordOutput();
  const bytes = 6_000_000;
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(bytes)), logFile, onOutput: recorder.onOutput });
  const expected = makeNoisyText(bytes);
  const half = 512 * 1024;
  t.is(readFileSync(logFile, 'utf8'), expected);
  t.is(recorder.textOf('output'), expected);
  t.is(outcome.outputTruncatedBytes, bytes - 2 * half);
  t.is(outcome.output, expected.slice(0, half) + formatTruncationMarker(bytes - 2 * half) + expected.slice(-half));
});

test('large multibyte output reaches the live listener whole, however the pieces fall', async (t) => {
  const recorder = recordOutput();
  await runCommand({ command: nodeFixture('utf8.js', '100000'), onOutput: recorder.onOutput });
  t.is(recorder.textOf('output'), 'aé€😀'.repeat(100_000));
});
