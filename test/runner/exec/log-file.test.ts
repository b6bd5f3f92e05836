import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../runner/exec/index.ts';
import { makeNoisyText, nodeFixture, recordOutput } from './helpers.ts';

function makeLogPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'pony-exec-log-')), 'step.log');
}

test('the log file holds the complete output even when the capture is cut', async (t) => {
  const logFile = makeLogPath();
  const outcome = await runCommand({ command: nodeFixture('noisy.js', String(5_000_000)), captureBytes: 1000, logFile });
  t.is(outcome.outputTruncatedBytes, 4_999_000);
  t.is(readFileSync(logFile, 'utf8'), makeNoisyText(5_000_000));
});

test('the log file holds both streams', async (t) => {
  const logFile = makeLogPath();
  await runCommand({ command: nodeFixture('both-streams.js', '50'), logFile });
  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  t.is(lines.length, 100);
  t.deepEqual(lines.filter((line) => line.startsWith('out ')), Array.from({ length: 50 }, (_, index) => `out ${index + 1}`));
  t.deepEqual(lines.filter((line) => line.startsWith('err ')), Array.from({ length: 50 }, (_, index) => `err ${index + 1}`));
});

test('the log file and a slow consumer together still get everything', async (t) => {
  const logFile = makeLogPath();
  const received: string[] = [];
  await runCommand({
    command: nodeFixture('noisy.js', String(500_000)),
    logFile,
    onOutput: async (_stream, text) => {
      received.push(text);
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  });
  t.is(received.join(''), makeNoisyText(500_000));
  t.is(readFileSync(logFile, 'utf8'), makeNoisyText(500_000));
});

test('a log file that cannot be opened rejects before the command starts', async (t) => {
  const logFile = join(tmpdir(), 'pony-exec-no-such-directory', 'step.log');
  await t.throwsAsync(runCommand({ command: ['echo', 'hi'], logFile }), {
    message: `Could not open the \`logFile\` \`${logFile}\`: ENOENT: no such file or directory, open '${logFile}'`,
  });
});

test('a log file that cannot be written ends the step normally and says why in its error', async (t) => {
  // /dev/full opens like any file and fails every write with ENOSPC.
  const recorder = recordOutput();
  const outcome = await runCommand({ command: nodeFixture('noisy.js', '2000000'), logFile: '/dev/full', onOutput: recorder.onOutput });
  t.is(outcome.status, 0);
  t.is(outcome.error, 'could not write the log file /dev/full: ENOSPC: no space left on device, write');
  t.is(recorder.textOf('output'), makeNoisyText(2_000_000));
});
