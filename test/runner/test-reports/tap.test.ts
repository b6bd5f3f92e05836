import test from 'ava';
import { parseTapStream } from '../../../runner/test-reports/tap/parse-tap.ts';
import { TapParser } from '../../../runner/test-reports/tap/tap-parser.ts';
import { chunksOf, runAvaTap, runNodeTest, nodeSampleCases } from './real-tools.ts';

const pick = (testCase: { name: string; suite: string; status: string }) => [testCase.suite, testCase.name, testCase.status];

test("node's --test-reporter=tap: nested subtests, YAML diagnostics, skip and todo", async (t) => {
  const tap = runNodeTest(t, 'tap');
  const report = await parseTapStream(chunksOf(tap, 4096), 'stdout');
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick), nodeSampleCases);
  const roundsDown = report.cases[2];
  t.is(roundsDown.message, 'seven halves round down to three\n\n3 !== 4');
  t.regex(roundsDown.details!, /stack: \|-\n {2}TestContext/);
  t.regex(roundsDown.file!, /sample\.test\.mjs$/);
  t.true(roundsDown.duration > 0 && roundsDown.duration < 1);
  t.is(report.cases[5].message, 'no GPU here');
  t.is(report.cases[6].message, 'not written yet');
});

test('the same TAP fed one character at a time gives the same cases', async (t) => {
  const tap = runNodeTest(t, 'tap');
  const whole = await parseTapStream(chunksOf(tap, tap.length), 'stdout');
  const trickled = await parseTapStream(chunksOf(tap, 1), 'stdout');
  t.deepEqual(trickled.cases, whole.cases);
});

test("ava --tap: a failure with ava's YAML, a skip and a todo", async (t) => {
  const report = await parseTapStream(chunksOf(runAvaTap(t), 4096), 'stdout');
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick).sort(), [
    ['', 'adds', 'passed'],
    ['', 'compares words', 'failed'],
    ['', 'runs on a GPU', 'skipped'],
    ['', 'speaks XML-RPC over HTTP/3', 'todo'],
  ]);
  const failed = report.cases.find((testCase) => testCase.status === 'failed')!;
  t.is(failed.message, 'the animals differ');
  t.regex(failed.details!, /- 'pony'\n\s+\+ 'horse'/);
});

test('a stream cut inside a YAML block keeps the cases and warns', async (t) => {
  const tap = runNodeTest(t, 'tap');
  const cut = tap.slice(0, tap.indexOf("operator: 'strictEqual'"));
  const report = await parseTapStream(chunksOf(cut, 100), 'stdout');
  t.deepEqual(report.cases.map(pick), [
    ['arithmetic', 'adds', 'passed'],
    ['arithmetic › division', 'divides', 'passed'],
    ['arithmetic › division', 'rounds down', 'failed'],
  ]);
  t.deepEqual(report.warnings, [
    'stdout: the TAP stream ended inside the YAML block of `not ok 2 - rounds down`',
    'stdout: the TAP stream ended inside subtest `division`, before its parent\'s result',
    'stdout: the TAP stream ended inside subtest `arithmetic`, before its parent\'s result',
  ]);
});

test('a parent that fails on its own (a hook) is a case; one failing through its subtests is not', (t) => {
  const parser = new TapParser('stdout');
  parser.write(['TAP version 14', '# Subtest: group', '    ok 1 - child', '    1..1', 'not ok 1 - group', '  ---', "  error: 'after hook broke'", '  ...', '1..1', ''].join('\n'));
  const report = parser.end();
  t.deepEqual(report.cases.map(pick), [['group', 'child', 'passed'], ['', 'group', 'failed']]);
  t.is(report.cases[1].message, 'after hook broke');
});

test('bail out, escaped #, a missing plan count and noise lines', (t) => {
  const parser = new TapParser('run.tap');
  parser.write('make: entering directory\nok 1 - handles \\# SKIP in names\nnot ok 2 - crashes # TODO later\nok 3 # skip no network\nBail out! database is down\nok 4 - never seen\n');
  const report = parser.end();
  t.deepEqual(report.cases.map(pick), [['', 'handles # SKIP in names', 'passed'], ['', 'crashes', 'todo'], ['', 'test 3', 'skipped']]);
  t.is(report.cases[2].message, 'no network');
  t.deepEqual(report.warnings, ['run.tap: the test run bailed out: database is down', 'run.tap: the TAP stream has no plan (`1..N`); it may have been cut short after 3 test points']);
  const planned = new TapParser('p');
  planned.write('1..3\nok 1\n');
  t.deepEqual(planned.end().warnings, ['p: the TAP plan said `1..3` but 1 test points were reported']);
});
