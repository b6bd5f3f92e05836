// Guards against slow paths creeping in (quadratic text handling, a per-character parser).
// The floor is far below what the parser does (~150 MB/s) so a busy machine cannot fail it,
// yet above the npm package's 12 MB/s.
import test from 'ava';
import { parseMethodCall, serializeMethodCall } from '../../../wire/xmlrpc/index.ts';

function makeBuildLog(bytes: number): string {
  const lines = [
    "src/parse.c:12:5: warning: comparison of 'a < b' && 'c > d' [-Wsign-compare]",
    '#include <stdio.h> /* & <stdlib.h> */ std::vector<std::pair<int, T>> f(T&& x)',
    'test_escape[<a>&amp;</a>] PASSED',
  ];
  let log = '';
  for (let line = 0; log.length < bytes; line++) {
    log += `${lines[line % lines.length]} ${line}\n`;
  }
  return log;
}

function measureMegabytesPerSecond(document: Buffer): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    parseMethodCall(document);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return document.length / 1e6 / best;
}

test('an add_results call of 640 KB of logs parses at more than 30 MB/s', (t) => {
  const results = Array.from({ length: 10 }, (_, index) => ({
    name: `step ${index}`, type: 'build', status: 0, output: makeBuildLog(48_000), errout: makeBuildLog(16_000), command: 'make', duration: 1,
  }));
  const document = Buffer.from(serializeMethodCall('add_results', [{ package: 'p' }, results]));
  t.true(document.length > 640_000);
  const speed = measureMegabytesPerSecond(document);
  t.log(`${document.length} bytes at ${speed.toFixed(0)} MB/s`);
  t.true(speed > 30, `${speed.toFixed(1)} MB/s`);
});

test('one 8 MB string of nothing but references parses in linear time', (t) => {
  const document = Buffer.from(serializeMethodCall('add_results', ['<&>'.repeat(700_000)]));
  t.true(document.length > 8_000_000);
  const speed = measureMegabytesPerSecond(document);
  t.log(`${document.length} bytes at ${speed.toFixed(0)} MB/s`);
  t.true(speed > 30, `${speed.toFixed(1)} MB/s`);
});
