import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand } from '../../../runner/exec/index.ts';

test('a program that does not exist resolves with status -1 and names the command and cwd', async (t) => {
  const outcome = await runCommand({ command: ['nosuchprog-pony', '--flag'] });
  const message = `command not found: nosuchprog-pony (ENOENT); cwd: ${process.cwd()}`;
  t.is(outcome.status, -1);
  t.is(outcome.termination, 'spawn-error');
  t.is(outcome.error, message);
  t.is(outcome.errout, `${message}\n`);
  t.is(outcome.output, '');
  t.is(outcome.signal, undefined);
});

test('a file that is not executable is reported as permission denied', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'pony-exec-eacces-'));
  const script = join(directory, 'build.sh');
  writeFileSync(script, '#!/bin/sh\necho never\n', { mode: 0o644 });
  const outcome = await runCommand({ command: ['./build.sh'], cwd: directory });
  t.is(outcome.status, -1);
  t.is(outcome.termination, 'spawn-error');
  t.is(outcome.error, `permission denied: ./build.sh (EACCES); cwd: ${directory}`);
});

test('a missing working directory is blamed instead of the command', async (t) => {
  const cwd = join(tmpdir(), 'pony-exec-no-such-directory');
  const outcome = await runCommand({ command: ['echo', 'hi'], cwd });
  t.is(outcome.status, -1);
  t.is(outcome.termination, 'spawn-error');
  t.is(outcome.error, `working directory not found: ${cwd} (ENOENT); command: echo hi`);
});

test('a file given as working directory is reported as not a directory', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'pony-exec-enotdir-'));
  const cwd = join(directory, 'file');
  writeFileSync(cwd, '');
  const outcome = await runCommand({ command: ['echo', 'hi'], cwd });
  t.is(outcome.status, -1);
  t.is(outcome.error, `working directory is not a directory: ${cwd} (ENOTDIR); command: echo hi`);
});

test('a relative cwd is shown resolved', async (t) => {
  const outcome = await runCommand({ command: ['nosuchprog-pony'], cwd: '.' });
  t.is(outcome.error, `command not found: nosuchprog-pony (ENOENT); cwd: ${resolve('.')}`);
});

test('the spawn error also goes to the log file', async (t) => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'pony-exec-log-')), 'step.log');
  const outcome = await runCommand({ command: ['nosuchprog-pony'], logFile });
  t.is(readFileSync(logFile, 'utf8'), outcome.errout);
});
