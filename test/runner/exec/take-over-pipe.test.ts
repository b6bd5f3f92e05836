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

test('a stream without node\'s pipe handle is read as it is: every byte, in order', async (t) => {
  const source = new PassThrough();
  const chunks: Buffer[] = [];
  const reader = takeOverPipe(source, (bytes) => void chunks.push(Buffer.from(bytes)));
  source.write('one\n');
  source.end('two\n');
  await once(reader, 'end');
  t.is(Buffer.concat(chunks).toString(), 'one\ntwo\n');
});
