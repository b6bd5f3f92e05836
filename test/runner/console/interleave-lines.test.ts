import { Writable } from 'node:stream';
import test from 'ava';
import { LineInterleaver } from '../../../runner/console/interleave-lines.ts';

// Both streams write into one transcript, as they would on one terminal.
function makeTerminal() {
  const transcript: string[] = [];
  const target = (name: string) =>
    new Writable({
      write(chunk, _encoding, done) {
        transcript.push(`${name}:${String(chunk)}`);
        done();
      },
    });
  return { transcript, interleaver: new LineInterleaver({ output: target('out'), errout: target('err') }) };
}

test('chunks are written whole and in order while lines are complete', (t) => {
  const { transcript, interleaver } = makeTerminal();
  interleaver.write('output', 'one\ntwo\n');
  interleaver.write('errout', 'warning\n');
  interleaver.write('output', 'three\n');
  t.deepEqual(transcript, ['out:one\ntwo\n', 'err:warning\n', 'out:three\n']);
});

test('a stream in mid-line is not cut by the other stream, which waits for the line to end', (t) => {
  const { transcript, interleaver } = makeTerminal();
  interleaver.write('output', 'compiling mod');
  interleaver.write('errout', 'warning: x\n');
  t.deepEqual(transcript, ['out:compiling mod']);
  interleaver.write('output', 'ule.c\nlinking');
  t.deepEqual(transcript, ['out:compiling mod', 'out:ule.c\nlinking']);
  interleaver.write('output', '... done\n');
  t.deepEqual(transcript, ['out:compiling mod', 'out:ule.c\nlinking', 'out:... done\n', 'err:warning: x\n']);
});

test('flushing at the end of a step writes what waits and ends partial lines', (t) => {
  const { transcript, interleaver } = makeTerminal();
  interleaver.write('output', 'no newline at the end');
  interleaver.write('errout', 'also none');
  interleaver.flush();
  t.deepEqual(transcript, ['out:no newline at the end', 'out:\n', 'err:also none', 'err:\n']);
});

test('a line that never ends (a progress bar) holds the other stream back only so long', (t) => {
  const { transcript, interleaver } = makeTerminal();
  interleaver.write('output', '[=====');
  interleaver.write('errout', 'e'.repeat(70 * 1024));
  t.is(transcript.length, 3);
  t.deepEqual(transcript.slice(0, 2), ['out:[=====', 'out:\n']);
  t.true(transcript[2].startsWith('err:eee'));
});
