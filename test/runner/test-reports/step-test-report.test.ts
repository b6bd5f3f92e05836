import { existsSync, writeFileSync, cpSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import test from 'ava';
import { createConsoleReporter } from '../../../runner/console/console-reporter.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { test as testStep } from '../../../runner/steps/step-spec.ts';
import { RecipeError } from '../../../runner/steps/validate-steps.ts';
import { nodeTestReporterPath } from '../../../runner/test-reports/node-test-reporter-path.ts';
import type { RunEvent } from '../../../runner/events.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { fixtures } from './real-tools.ts';

const nodeTestDir = path.join(fixtures, 'node-test');

test('TAP is read from the live stdout and attached before step:end; exit 0 with failures is a mismatch', async (t) => {
  const ends: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    cwd: nodeTestDir,
    steps: [testStep(`"${process.execPath}" --test --test-reporter=tap sample.test.mjs; exit 0`, { shell: true, name: 'node tests', testReport: { tap: true } })],
    consumers: [(event) => void (event.type === 'step:end' && ends.push(event))],
  });
  const step = outcome.results[0];
  t.is(step.status, 0);
  t.true(outcome.clientInfo.success, 'success still comes from the exit status');
  t.deepEqual(step.test_counts, { total: 7, passed: 3, failed: 2, error: 0, skipped: 1, todo: 1 });
  t.is(step.test_report_mismatch, 'exit status 0 but 2 tests failed');
  t.is(step.test_report_warnings, undefined);
  t.deepEqual((ends[0] as Extract<RunEvent, { type: 'step:end' }>).result.test_cases, step.test_cases);
});

test('nodeTest: the runner names a temp file in PONY_BUILD_NODE_TEST_EVENTS, reads it and removes it', async (t) => {
  const command = `"${process.execPath}" --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter="${nodeTestReporterPath}" --test-reporter-destination="$PONY_BUILD_NODE_TEST_EVENTS" sample.test.mjs; echo "events: $PONY_BUILD_NODE_TEST_EVENTS"`;
  const outcome = await runBuild({ package: 'p', cwd: nodeTestDir, steps: [testStep(command, { shell: true, testReport: { nodeTest: true } })] });
  const step = outcome.results[0];
  t.is(step.test_counts?.total, 7);
  t.is(step.test_cases?.find((testCase) => testCase.status === 'failed')?.name, 'rounds down');
  const events = /events: (.*)/.exec(step.output)![1];
  t.false(existsSync(events));
  t.is(step.test_report_mismatch, 'exit status 0 but 2 tests failed');
});

test('nodeTest: $PONY_BUILD_NODE_TEST_REPORTER names the reporter, so a step works where pony-build is not installed', async (t) => {
  // A temp dir far from this project, as a recipe's checkout is: `pony-build/...` cannot resolve there.
  const directory = makeTempDir(t);
  cpSync(path.join(nodeTestDir, 'sample.test.mjs'), path.join(directory, 'sample.test.mjs'));
  const command = `"${process.execPath}" --test --test-reporter="$PONY_BUILD_NODE_TEST_REPORTER" --test-reporter-destination="$PONY_BUILD_NODE_TEST_EVENTS" sample.test.mjs`;
  const outcome = await runBuild({ package: 'p', cwd: directory, steps: [testStep(command, { shell: true, testReport: { nodeTest: true } })] });
  const step = outcome.results[0];
  t.is(step.test_counts?.total, 7, step.errout);
  t.is(step.test_report_warnings, undefined);
});

test('nodeTest: a command that never loads the reporter gets a warning that says how to', async (t) => {
  const outcome = await runBuild({ package: 'p', cwd: nodeTestDir, steps: [testStep(['true'], { testReport: { nodeTest: true } })] });
  t.deepEqual(outcome.results[0].test_report_warnings, [
    'the node:test reporter wrote nothing; run node with `--test-reporter="$PONY_BUILD_NODE_TEST_REPORTER" --test-reporter-destination="$PONY_BUILD_NODE_TEST_EVENTS"`',
  ]);
});

test('JUnit globs are expanded in the step directory after the command; stale and missing files are warnings', async (t) => {
  const directory = makeTempDir(t);
  const stale = path.join(directory, 'stale.xml');
  cpSync(path.join(fixtures, 'stale-report.xml'), stale);
  utimesSync(stale, new Date(2000, 0, 1), new Date(2000, 0, 1));
  const outcome = await runBuild({
    package: 'p',
    cwd: directory,
    steps: [
      testStep(`mkdir -p reports && "${process.execPath}" --test --test-reporter=junit --test-reporter-destination=reports/node.xml "${nodeTestDir}/sample.test.mjs"`, {
        shell: true,
        testReport: { junit: ['reports/*.xml', 'stale.xml', 'nothing-*.xml'] },
        allowFailure: true,
      }),
    ],
  });
  const step = outcome.results[0];
  t.is(step.status, 1);
  t.is(step.test_counts?.total, 7);
  t.is(step.test_report_mismatch, undefined);
  t.deepEqual(step.test_report_warnings, [
    'left out stale.xml: last modified before the step started, so it is from an earlier run',
    `no JUnit report matched \`nothing-*.xml\` in ${directory}`,
  ]);
});

test('a failing exit status with every test passing is a mismatch', async (t) => {
  const tap = 'TAP version 13\nok 1 - a\nok 2 - b\n1..2\n';
  const outcome = await runBuild({ package: 'p', steps: [testStep(`printf '${tap}'; exit 3`, { shell: true, testReport: { tap: true } })] });
  t.is(outcome.results[0].test_report_mismatch, 'exit status 3 but every test passed');
});

test('a bad testReport is a recipe problem that names the option', async (t) => {
  const attempt = (testReport: unknown) =>
    runBuild({ package: 'p', steps: [testStep(['true'], { name: 'unit', testReport: testReport as never })] });
  const error = await t.throwsAsync(attempt({ junit: [] }), { instanceOf: RecipeError });
  t.deepEqual(error!.problems, ['step 1 (unit): expected `testReport.junit` to be a glob or a non-empty array of globs, got `[]` (array)']);
  const both = await t.throwsAsync(attempt({ tap: true, junit: 'x.xml' }), { instanceOf: RecipeError });
  t.deepEqual(both!.problems, ['step 1 (unit): expected `testReport` to be `{ junit: "glob" }`, `{ tap: true }` or `{ nodeTest: true }`, got one with `tap`, `junit`']);
  const string = await t.throwsAsync(attempt('junit'), { instanceOf: RecipeError });
  t.deepEqual(string!.problems, ['step 1 (unit): expected `testReport` to be `{ junit: "glob" }`, `{ tap: true }` or `{ nodeTest: true }`, got `junit` (string)']);
  const tapFalse = await t.throwsAsync(attempt({ tap: false }), { instanceOf: RecipeError });
  t.deepEqual(tapFalse!.problems, ['step 1 (unit): expected `testReport.tap` to be `true`, got `false` (boolean)']);
});

test('the console lists failed tests by name with their message, after the step and in the summary', async (t) => {
  const stdout = new PassThrough();
  let printed = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const lines = ['TAP version 13'];
  for (let index = 1; index <= 25; index += 1) {
    lines.push(`not ok ${index} - case ${index}`, '  ---', `  message: 'broke ${index}'`, '  ...');
  }
  lines.push('ok 26 - fine', '1..26');
  const script = path.join(makeTempDir(t), 'tap.js');
  writeFileSync(script, `process.stdout.write(${JSON.stringify(`${lines.join('\n')}\n`)}); process.exitCode = 1;`);
  await runBuild({
    package: 'p',
    steps: [testStep([process.execPath, script], { name: 'unit', testReport: { tap: true } })],
    consumers: [createConsoleReporter({ stdout, stderr: new PassThrough(), color: false })],
  });
  t.regex(printed, /FAIL unit \([^)]*\) exit status 1\n {2}26 tests: 1 passed, 25 failed\n {2}✗ case 1: broke 1\n/);
  t.regex(printed, / {2}✗ case 20: broke 20\n {2}\.\.\. and 5 more\n/);
  t.notRegex(printed, /case 21: broke/);
  t.regex(printed, /Failed tests:\n {2}✗ case 1: broke 1\n[\s\S]* {2}✗ case 20: broke 20\n {2}\.\.\. and 5 more\nBuild FAILED/);
});
