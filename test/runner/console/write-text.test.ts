import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTextWriter } from '../../../runner/console/write-text.ts';
import { makeTempDir } from '../../helpers/temp.ts';

const expected = `header\n${'x'.repeat(200_000)}\nmiddle\naé€😀\nend\n`;

test('stdout sent to a file gets the text in order, whole, between its own writes', async (t) => {
  const file = join(makeTempDir(t), 'stdout.txt');
  const fd = openSync(file, 'w');
  const fixture = new URL('../../fixtures/write-to-stdout.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fixture], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  const [code] = await once(child, 'exit');
  t.is(code, 0);
  t.is(readFileSync(file, 'utf8'), expected);
});

test('a stream that is behind is waited for until it drains', async (t) => {
  const written: string[] = [];
  let finishWrite!: () => void;
  const slow = new Writable({
    highWaterMark: 4,
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      finishWrite = done;
    },
  });
  const wait = createTextWriter(slow)('more than four bytes');
  t.true(wait instanceof Promise);
  t.deepEqual(written, ['more than four bytes']);
  finishWrite();
  await wait;
  t.is(createTextWriter(slow)(''), undefined);
});

test('a chunk the stream took at once is not waited on, however large', (t) => {
  const sink = new Writable({
    highWaterMark: 4,
    write(_chunk, _encoding, done) {
      done();
    },
  });
  t.is(createTextWriter(sink)('more than four bytes'), undefined);
});
