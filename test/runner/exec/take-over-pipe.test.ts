import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { takeOverPipe } from '../../../runner/exec/take-over-pipe.ts';
import { makeNoisyText, nodeFixture } from './helpers.ts';

test('a taken-over pipe yields every byte in order, and the child still closes', async (t) => {
  const [file, ...args] = nodeFixture('noisy.js', '3000000');
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const closed = once(child, 'close');
  const chunks: Buffer[] = [];
  // The buffer is reused by the next read, so what is kept is copied.
  const socket = takeOverPipe(child.stdout, (bytes) => void chunks.push(Buffer.from(bytes)));
  await once(socket, 'close');
  await closed;
  t.is(Buffer.concat(chunks).toString(), makeNoisyText(3_000_000));
});

test('a stream that is not a spawned pipe is refused, naming what it got', (t) => {
  t.throws(() => takeOverPipe(new PassThrough(), () => {}), {
    message: "Expected a spawned child's pipe with its handle, got a PassThrough without one",
  });
});
