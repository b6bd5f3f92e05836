import { join } from 'node:path';
import test from 'ava';
import { BoundedCapture, formatTruncationMarker, runCommand } from '../../../runner/exec/index.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { makeNoisyText, nodeFixture } from './helpers.ts';

function captureChunks(limitBytes: number, chunks: Buffer[]) {
  const capture = new BoundedCapture(limitBytes);
  for (const chunk of chunks) capture.add(chunk);
  return capture.finish();
}

function splitIntoChunks(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

test('output within the limit is kept whole', (t) => {
  t.deepEqual(captureChunks(10, [Buffer.from('abc'), Buffer.from('defghij')]), { text: 'abcdefghij', truncatedBytes: 0 });
  t.deepEqual(captureChunks(10, []), { text: '', truncatedBytes: 0 });
});

test('longer output keeps the head half and the tail half around a marker', (t) => {
  const text = 'abcdefghijklmnopqrstuvwxyz';
  for (const size of [1, 3, 7, 26]) {
    const result = captureChunks(10, splitIntoChunks(Buffer.from(text), size));
    t.deepEqual(result, { text: `abcde${formatTruncationMarker(16)}vwxyz`, truncatedBytes: 16 }, `chunks of ${size}`);
  }
});

test('an odd limit gives the extra byte to the tail', (t) => {
  t.deepEqual(captureChunks(5, [Buffer.from('0123456789')]), { text: `01${formatTruncationMarker(5)}789`, truncatedBytes: 5 });
});

test('a limit of zero keeps only the marker', (t) => {
  t.deepEqual(captureChunks(0, [Buffer.from('abc')]), { text: formatTruncationMarker(3), truncatedBytes: 3 });
});

test('cuts fall on character boundaries and count the bytes of split characters', (t) => {
  // "€" is 3 bytes: the head's 4 bytes end inside the second one, the tail's 4 start inside the fourth.
  const bytes = Buffer.from('€€€€€');
  for (const size of [1, 2, 15]) {
    const result = captureChunks(8, splitIntoChunks(bytes, size));
    t.deepEqual(result, { text: `€${formatTruncationMarker(9)}€`, truncatedBytes: 9 }, `chunks of ${size}`);
    t.false(result.text.includes('\uFFFD'));
  }
});

test('20 MB of output is captured as exact head, marker and tail', async (t) => {
  const totalBytes = 20 * 1024 * 1024;
  const captureBytes = 64 * 1024;
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(totalBytes)), captureBytes });
  const expected = makeNoisyText(totalBytes);
  const cut = totalBytes - captureBytes;
  t.is(outcome.outputTruncatedBytes, cut);
  t.is(outcome.output, expected.slice(0, captureBytes / 2) + formatTruncationMarker(cut) + expected.slice(totalBytes - captureBytes / 2));
  t.true(outcome.output.includes('\n[... 20905984 bytes of output cut by pony-build; head and tail kept ...]\n'));
  t.is(outcome.errout, '');
  t.is(outcome.erroutTruncatedBytes, 0);
});

test('stderr is bounded separately', async (t) => {
  const outcome = await runCommand({ command: nodeFixture('noisy.js', '1000', 'stderr'), captureBytes: 200 });
  const expected = makeNoisyText(1000);
  t.is(outcome.output, '');
  t.is(outcome.erroutTruncatedBytes, 800);
  t.is(outcome.errout, expected.slice(0, 100) + formatTruncationMarker(800) + expected.slice(900));
});

test('multibyte output split across reads is never garbled, live or captured', async (t) => {
  const pieces: string[] = [];
  // The fixture writes the next byte only once the log file shows the runner read the last:
  // one byte per read, so every multibyte character is split across reads.
  const logFile = join(makeTempDir(t), 'step.log');
  const outcome = await runCommand({
    command: nodeFixture('utf8.js', '3', 'split', logFile),
    captureBytes: 13,
    logFile,
    onOutput: (_stream, text) => {
      pieces.push(text);
    },
  });
  const text = 'aé€😀'.repeat(3);
  t.is(pieces.join(''), text);
  t.deepEqual(pieces, [...text]);
  t.false(pieces.some((piece) => piece.includes('\uFFFD')));
  // 30 bytes; head 6 bytes = "aé€" exactly; tail 7 bytes "€😀" exactly.
  t.is(outcome.output, `aé€${formatTruncationMarker(17)}€😀`);
});

test('large multibyte output keeps whole characters at both seams', async (t) => {
  const outcome = await runCommand({ command: nodeFixture('utf8.js', '100000'), captureBytes: 1001 });
  t.false(outcome.output.includes('\uFFFD'));
  const [head, tail] = outcome.output.split(/\n\[\.\.\. \d+ bytes of output cut by pony-build; head and tail kept \.\.\.\]\n/);
  t.true('aé€😀'.repeat(100).startsWith(head));
  t.true('aé€😀'.repeat(100).endsWith(tail));
  t.is(Buffer.byteLength(head) + Buffer.byteLength(tail) + outcome.outputTruncatedBytes, 1_000_000);
  t.true(Buffer.byteLength(head) > 496 && Buffer.byteLength(tail) > 497);
});
