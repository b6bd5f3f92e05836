// Guards against slow paths creeping in (quadratic text handling): eight times the document
// costs about eight times the work, where a quadratic path costs sixty-four. Work is this
// process's CPU time, best of 5, which other processes on a busy machine barely move; the
// ratio allowed (24) is far from both. How fast the parser is (at least 30 MB/s) is measured
// by `npm run bench` (bench/xmlrpc-parse-speed.ts), not here.
import test from 'ava';
import { parseMethodCall } from '../../../wire/xmlrpc/index.ts';
import { makeAddResultsDocument, makeReferencesDocument } from '../../../bench/xmlrpc-documents.ts';

const maxWorkRatio = 24;

function measureCpuSeconds(document: Buffer): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const started = process.cpuUsage();
    parseMethodCall(document);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

const isLinear = test.macro((t, small: Buffer, large: Buffer) => {
  measureCpuSeconds(small); // warm-up: the first parses also compile the parser
  const ratio = measureCpuSeconds(large) / measureCpuSeconds(small);
  const measured = `${ratio.toFixed(1)}x the CPU time for ${(large.length / small.length).toFixed(1)}x the bytes`;
  t.log(measured);
  t.true(ratio < maxWorkRatio, measured);
});

test('add_results with eight times the logs costs about eight times the work', isLinear, makeAddResultsDocument(10), makeAddResultsDocument(80));
test('one string of nothing but references parses in linear time', isLinear, makeReferencesDocument(87_500), makeReferencesDocument(700_000));
