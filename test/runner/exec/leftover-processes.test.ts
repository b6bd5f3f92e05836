// A step that leaves a background process behind (`sleep 600 &`) ends when its command exits;
// what it left running is ended with it, and the step says so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import test from 'ava';
import { createConsoleReporter } from '../../../runner/console/console-reporter.ts';
import type { StepResult } from '../../../wire/types.ts';
import { runCommand } from '../../../runner/exec/run-command.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';
import { makeTempDir } from '../../helpers/temp.ts';

// Gone, or a zombie waiting for a parent that is not ours to reap.
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('processes a command leaves running are ended when it exits, and the outcome says so', async (t) => {
  const pidFile = path.join(makeTempDir(t), 'orphan.pid');
  const outcome = await runCommand({ command: `sleep 600 & echo $! > '${pidFile}'; echo started`, shell: true });
  const orphan = Number(readFileSync(pidFile, 'utf8'));
  t.teardown(() => isRunning(orphan) && process.kill(orphan, 'SIGKILL'));
  t.is(outcome.status, 0);
  t.is(outcome.output, 'started\n');
  t.true(outcome.endedLeftoverProcesses);
  t.false(isRunning(orphan));
});

test('an orphan that ignores SIGTERM is killed after the grace period', async (t) => {
  const pidFile = path.join(makeTempDir(t), 'orphan.pid');
  const script = `sh -c 'trap "" TERM; echo $$ > "${pidFile}"; while :; do sleep 1; done' & while [ ! -s '${pidFile}' ]; do :; done`;
  const outcome = await runCommand({ command: script, shell: true, killGraceMs: 100 });
  const orphan = Number(readFileSync(pidFile, 'utf8'));
  t.teardown(() => isRunning(orphan) && process.kill(orphan, 'SIGKILL'));
  t.true(outcome.endedLeftoverProcesses);
  t.false(isRunning(orphan));
});

test('a command that leaves nothing behind is not marked', async (t) => {
  const outcome = await runCommand({ command: ['sh', '-c', 'echo alone'] });
  t.is(outcome.endedLeftoverProcesses, undefined);
});

test('the step result carries ended_leftover_processes and the console names it', async (t) => {
  let printed = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const ended: StepResult[] = [];
  const outcome = await runBuild({
    package: 'orphans',
    steps: [build('sleep 600 & echo built', { shell: true, name: 'leaves a sleeper' })],
    consumers: [createConsoleReporter({ stdout, stderr: stdout, color: false }), (event) => void (event.type === 'step:end' && ended.push(event.result))],
  });
  t.true(outcome.clientInfo.success);
  t.is(ended[0]?.ended_leftover_processes, true);
  t.regex(printed, /PASS leaves a sleeper \([^)]*\) ended the processes it left running/);
});
