// Runs the real test tools on the fixture projects in test/fixtures/test-reports/,
// so the parsers are checked against what those tools actually write.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import { makeTempDir } from '../../helpers/temp.ts';

export const fixtures = fileURLToPath(new URL('../../fixtures/test-reports/', import.meta.url));
const avaCli = fileURLToPath(new URL('../../../node_modules/ava/entrypoints/cli.mjs', import.meta.url));

/** A python3 that has pytest: the one on PATH, else Debian's (python3-pytest). */
export function findPythonWithPytest(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-m', 'pytest', '--version'], { stdio: 'ignore' }).status === 0);
}

export function findPythonWithRegrtest(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find((python) => spawnSync(python, ['-c', 'import test.libregrtest'], { stdio: 'ignore' }).status === 0);
}

function run(t: ExecutionContext, file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const outcome = spawnSync(file, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  t.log(`${file} ${args.join(' ')} exited ${outcome.status}`);
  return outcome;
}

export function runPytestJunit(t: ExecutionContext, python: string): string {
  const directory = makeTempDir(t);
  cpSync(path.join(fixtures, 'pytest', 'test_sample.py'), path.join(directory, 'test_sample.py'));
  run(t, python, ['-m', 'pytest', '--junitxml=report.xml', '-o', 'junit_logging=all', '-p', 'no:cacheprovider', 'test_sample.py'], directory, { PYTHONDONTWRITEBYTECODE: '1' });
  return path.join(directory, 'report.xml');
}

export function runRegrtestJunit(t: ExecutionContext, python: string): string {
  const directory = makeTempDir(t);
  cpSync(path.join(fixtures, 'regrtest', 'test_sample.py'), path.join(directory, 'test_sample.py'));
  run(t, python, ['-m', 'test', '--testdir', directory, '--junit-xml', path.join(directory, 'report.xml'), 'test_sample'], directory, { PYTHONDONTWRITEBYTECODE: '1' });
  return path.join(directory, 'report.xml');
}

export function runNodeTest(t: ExecutionContext, reporter: string): string {
  return run(t, process.execPath, ['--test', `--test-reporter=${reporter}`, 'sample.test.mjs'], path.join(fixtures, 'node-test')).stdout;
}

export function runAvaTap(t: ExecutionContext): string {
  return run(t, process.execPath, [avaCli, '--tap'], path.join(fixtures, 'ava-project')).stdout;
}

export async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += size) {
    yield text.slice(start, start + size);
  }
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** What test/fixtures/test-reports/node-test/sample.test.mjs reports, in every format: [suite, name, status]. */
export const nodeSampleCases = [
  ['arithmetic', 'adds', 'passed'],
  ['arithmetic › division', 'divides', 'passed'],
  ['arithmetic › division', 'rounds down', 'failed'],
  ['parses words', 'splits on spaces', 'passed'],
  ['parses words', 'keeps case', 'failed'],
  ['', 'runs on a GPU', 'skipped'],
  ['', 'speaks XML-RPC over HTTP/3', 'todo'],
];
