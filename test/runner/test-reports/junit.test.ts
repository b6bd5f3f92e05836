import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { parseJunitFile, parseJunitStream } from '../../../runner/test-reports/junit/parse-junit.ts';
import { runTypeScript } from '../../helpers/child-process.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { chunksOf, findPythonWithPytest, findPythonWithRegrtest, readText, runNodeTest, runPytestJunit, runRegrtestJunit, nodeSampleCases } from './real-tools.ts';

const childScript = fileURLToPath(new URL('parse-junit-in-child.ts', import.meta.url));
const pick = (testCase: { name: string; suite: string; status: string }) => [testCase.suite, testCase.name, testCase.status];

test("pytest's --junitxml: a pass, a failure, a fixture error and a skip, with captured output", async (t) => {
  const python = findPythonWithPytest();
  if (!python) {
    t.fail('pytest is needed: `apt-get install python3-pytest` (Debian) or `pip install pytest`');
    return;
  }
  const report = await parseJunitFile(runPytestJunit(t, python));
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick), [
    ['test_sample', 'test_adds', 'passed'],
    ['test_sample', 'test_compares_words', 'failed'],
    ['test_sample', 'test_uses_database', 'error'],
    ['test_sample', 'test_on_gpu', 'skipped'],
  ]);
  const [, failed, errored, skipped] = report.cases;
  t.regex(failed.message!, /^AssertionError: assert 'pony' == 'horse'/);
  t.regex(failed.details!, /test_sample.py:\d+: AssertionError/);
  t.regex(failed.output!, /comparing words on stdout[\s\S]*a note on stderr/);
  t.regex(errored.message!, /failed on setup with "RuntimeError: database fixture could not connect"/);
  t.is(skipped.message, 'needs a GPU');
  t.deepEqual(report.counts, { total: 4, passed: 1, failed: 1, error: 1, skipped: 1, todo: 0 });
});

test("node's --test-reporter=junit: nested describe() blocks become the suite, todo stays todo", async (t) => {
  const directory = makeTempDir(t);
  const file = path.join(directory, 'node.xml');
  writeFileSync(file, runNodeTest(t, 'junit'));
  const report = await parseJunitFile(file);
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick), nodeSampleCases);
  t.regex(report.cases[2].details!, /seven halves round down to three/);
  t.is(report.cases[5].message, 'no GPU here');
});

// Debian's libpython3-stdlib ships test.libregrtest (not the test suite itself),
// so `python3 -m test --testdir` runs our own tiny unittest module through it.
test("CPython regrtest's --junit-xml: dotted names split into suite and name", async (t) => {
  const python = findPythonWithRegrtest();
  if (!python) {
    t.fail("CPython's test.libregrtest is needed (Debian: libpython3.11-stdlib or newer)");
    return;
  }
  const report = await parseJunitFile(runRegrtestJunit(t, python));
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick), [
    ['test_sample.SampleTests', 'test_adds', 'passed'],
    ['test_sample.SampleTests', 'test_compares_words', 'failed'],
    ['test_sample.SampleTests', 'test_on_gpu', 'skipped'],
    ['test_sample.SampleTests', 'test_raises', 'error'],
  ]);
  t.is(report.cases[1].output, 'comparing words on stdout');
  t.is(report.cases[2].message, 'needs a GPU');
  t.regex(report.cases[3].details!, /RuntimeError: database could not connect/);
});

test('a report cut short keeps the cases before the cut and says so', async (t) => {
  const directory = makeTempDir(t);
  const python = findPythonWithPytest();
  const whole = python ? readText(runPytestJunit(t, python)) : readText(path.join(directory, 'missing'));
  const cutAt = whole.indexOf('<testcase classname="test_sample" name="test_on_gpu"') + 40;
  const file = path.join(directory, 'cut.xml');
  writeFileSync(file, whole.slice(0, cutAt));
  const report = await parseJunitFile(file, 'cut.xml');
  t.deepEqual(report.cases.map((testCase) => testCase.name), ['test_adds', 'test_compares_words', 'test_uses_database']);
  t.is(report.warnings.length, 1);
  t.regex(report.warnings[0], /^cut\.xml: the JUnit XML is malformed or cut short, .*kept the 3 test cases before it/);
});

test('malformed XML, an empty report and a DOCTYPE entity are warnings, never crashes', async (t) => {
  const malformed = await parseJunitStream(chunksOf('<testsuite><testcase name="a"/><testcase name="b" time=1/><testcase name="c"/></testsuite>', 7), 'bad.xml');
  t.deepEqual(malformed.cases.map((testCase) => testCase.name), ['a']);
  t.regex(malformed.warnings[0], /^bad\.xml: the JUnit XML is malformed/);
  const empty = await parseJunitStream(chunksOf('<testsuites/>', 100), 'empty.xml');
  t.deepEqual(empty.warnings, ['empty.xml: no <testcase> elements in the JUnit XML']);
  const entity = await parseJunitStream(chunksOf('<!DOCTYPE x [<!ENTITY a "aaaa">]><testsuite><testcase name="&a;"/></testsuite>', 100), 'entity.xml');
  t.is(entity.cases.length, 0);
  t.regex(entity.warnings[0], /entity/i);
});

test('long failure bodies are cut to 8192 characters with a marker', async (t) => {
  const body = `${'start '.repeat(2000)}${'middle '.repeat(100_000)}${' end'.repeat(500)}`;
  const report = await parseJunitStream(chunksOf(`<testsuite><testcase name="a"><failure message="m">${body}</failure></testcase></testsuite>`, 65536), 'long.xml');
  const details = report.cases[0].details!;
  t.true(details.length < 8300);
  t.true(details.startsWith('start start'));
  t.true(details.endsWith('end end'));
  t.regex(details, /\[\.\.\. \d+ characters cut by pony-build \.\.\.\]/);
});

// Every 1000th case fails with a 1 MB body, so the file (about 110 MB) is far larger than what
// the report keeps (the cases, each body cut to 8,192 characters).
async function writeBigReport(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => out.write(text) || once(out, 'drain');
  const body = 'Traceback line\n'.repeat(70_000);
  await write('<?xml version="1.0"?>\n<testsuites><testsuite name="big">\n');
  for (let index = 0; index < 100_000; index += 1) {
    const failure = index % 1000 === 0 ? `<failure message="boom ${index}">${body}</failure>` : '';
    await write(`<testcase classname="pkg.Module${index % 50}" name="test_${index}" time="0.001">${failure}</testcase>\n`);
  }
  await write('</testsuite></testsuites>\n');
  await new Promise((resolve) => out.end(resolve));
}

test('a 100,000-case report streams through in bounded memory', async (t) => {
  const file = path.join(makeTempDir(t), 'big.xml');
  await writeBigReport(file);
  // The streaming parser keeps the cases and never more than a chunk of text, within 32 MB of
  // heap; 64 MB gives it twice that. A parser holding the 110 MB file, as one string, as its
  // chunks or as a document tree, runs out of heap and the child dies.
  const parsed = await runTypeScript(childScript, [file], { nodeFlags: ['--max-old-space-size=64'] });
  t.is(parsed.code, 0, `the parser ran out of a 64 MB heap or failed:\n${parsed.stderr.slice(-2000)}`);
  const result = JSON.parse(parsed.stdout);
  t.deepEqual(result.counts, { total: 100_000, passed: 99_900, failed: 100, error: 0, skipped: 0, todo: 0 });
  t.is(result.lastName, 'test_99999');
  t.is(result.failure.message, 'boom 1000');
  t.true(result.failure.detailsLength < 8300, `details of ${result.failure.detailsLength} characters`);
  t.deepEqual(result.warnings, []);
});
