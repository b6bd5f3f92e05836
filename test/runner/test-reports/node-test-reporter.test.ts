import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import { parseNodeTestEventsFile } from '../../../runner/test-reports/node-test/read-node-test-events.ts';
import { nodeTestReporterPath } from '../../../runner/test-reports/node-test-reporter-path.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { fixtures, nodeSampleCases } from './real-tools.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../helpers/child-process.ts';

const pick = (testCase: { name: string; suite: string; status: string }) => [testCase.suite, testCase.name, testCase.status];

test("node:test through pony-build's reporter, next to the spec reporter", async (t) => {
  const directory = makeTempDir(t);
  const events = path.join(directory, 'events.jsonl');
  const run = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${nodeTestReporterPath}`, `--test-reporter-destination=${events}`, 'sample.test.mjs'],
    { cwd: path.join(fixtures, 'node-test'), encoding: 'utf8' },
  );
  t.is(run.status, 1);
  t.regex(run.stdout, /rounds down/);
  const report = await parseNodeTestEventsFile(events);
  t.deepEqual(report.warnings, []);
  t.deepEqual(report.cases.map(pick), nodeSampleCases);
  const roundsDown = report.cases[2];
  t.is(roundsDown.message, 'seven halves round down to three\n\n3 !== 4');
  t.regex(roundsDown.details!, /^AssertionError \[ERR_ASSERTION\]: seven halves[\s\S]*sample\.test\.mjs:16/);
  t.regex(roundsDown.file!, /sample\.test\.mjs$/);
  t.is(report.cases[6].message, 'not written yet');
});

test('pony-build/node-test-reporter resolves to the compiled package, a copy of the reporter', (t) => {
  const resolved = fileURLToPath(import.meta.resolve('pony-build/node-test-reporter'));
  t.is(path.relative(projectRoot, resolved), path.join('dist', 'runner', 'test-reports', 'node-test-reporter.mjs'));
  t.is(readFileSync(resolved, 'utf8'), readFileSync(nodeTestReporterPath, 'utf8'));
});

test('a truncated last line is a warning; the cases before it are kept', async (t) => {
  const file = path.join(makeTempDir(t), 'events.jsonl');
  writeFileSync(file, '{"name":"a","suite":"","status":"passed","duration":0.1}\n{"name":"b","sui');
  const report = await parseNodeTestEventsFile(file, 'events');
  t.deepEqual(report.cases.map(pick), [['', 'a', 'passed']]);
  t.deepEqual(report.warnings, ['events: line 2 is not a node:test case written by pony-build\'s reporter: "{\\"name\\":\\"b\\",\\"sui"']);
});
