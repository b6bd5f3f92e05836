import test from 'ava';
import { boundStepOutput, formatServerCutMarker } from '../../../server/client-input/bound-step-output.ts';

test('a step within the bound is returned as it is', (t) => {
  const step = { name: 'make', output: 'x'.repeat(1024), errout: Buffer.from([0xff, 0xfe]) };
  t.is(boundStepOutput(step, 1024), step);
});

test('output past the bound keeps its first and last halves with a marker line, and counts what was cut', (t) => {
  const output = `${'h'.repeat(600)}${'m'.repeat(1000)}${'t'.repeat(600)}`;
  const bounded = boundStepOutput({ name: 'make', output, errout: 'fine\n' }, 1024);
  t.deepEqual(bounded, {
    name: 'make',
    output: `${'h'.repeat(512)}${formatServerCutMarker(1176)}${'t'.repeat(512)}`,
    output_truncated_bytes: 1176,
    errout: 'fine\n',
  });
  t.is(formatServerCutMarker(1176), '\n[... 1176 bytes of output cut by the pony-build server; head and tail kept ...]\n');
});

test('what the client says it cut already is added to', (t) => {
  const bounded = boundStepOutput({ errout: 'e'.repeat(2048), errout_truncated_bytes: 1_000_000 }, 1024);
  t.is(bounded.errout_truncated_bytes, 1_001_024);
});

test('cuts fall between characters', (t) => {
  // Each € is three bytes: 512 and the tail's start both fall inside one.
  const output = '€'.repeat(1000);
  const bounded = boundStepOutput({ output }, 1024);
  const [head, tail] = (bounded.output as string).split(formatServerCutMarker(bounded.output_truncated_bytes as number));
  t.is(head, '€'.repeat(170));
  t.is(tail, '€'.repeat(170));
  t.is(bounded.output_truncated_bytes, 3000 - 2 * 510);
});

test('bytes that are not UTF-8 stay bytes', (t) => {
  const errout = Buffer.alloc(4096, 0xff);
  const bounded = boundStepOutput({ errout }, 1024);
  t.true(Buffer.isBuffer(bounded.errout));
  const kept = bounded.errout as Buffer;
  t.deepEqual(kept.subarray(0, 512), Buffer.alloc(512, 0xff));
  t.deepEqual(kept.subarray(kept.length - 512), Buffer.alloc(512, 0xff));
  t.is(kept.subarray(512, kept.length - 512).toString('utf8'), formatServerCutMarker(3072));
  t.is(bounded.errout_truncated_bytes, 3072);
});
