// The last line of a run says how it ended: succeeded, FAILED, or skipped with the reason.
import { Writable } from 'node:stream';
import test from 'ava';
import { createConsoleReporter } from '../../../runner/console/console-reporter.ts';
import { runBuild, type BuildPlan } from '../../../runner/run/run-build.ts';
import { build, setup } from '../../../runner/steps/step-spec.ts';

async function runAndPrint(plan: Omit<BuildPlan, 'package' | 'consumers'>): Promise<string> {
  let printed = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  await runBuild({ package: 'summary', ...plan, consumers: [createConsoleReporter({ stdout, stderr: stdout, color: false })] });
  return printed;
}

test('a build whose revision the server already has says it skipped, and why, not that it failed', async (t) => {
  const printed = await runAndPrint({
    contexts: [{ name: 'checkout', enter: async (scope) => void (await scope.runStep(setup(['true'], { name: 'check out' }))), exit: async () => {} }],
    steps: [build(['true'], { name: 'make' }), build(['true'], { name: 'make check' })],
    checkBeforeSteps: async () => 'revision 1a2b3c was already reported as result 7',
  });
  const last = printed.trimEnd().split('\n').at(-1)!;
  t.regex(last, /^Build skipped after \S+( \S+)?: revision 1a2b3c was already reported as result 7$/);
  t.notRegex(printed, /FAILED/);
});

test('a build that ran says succeeded or FAILED with the steps counted', async (t) => {
  t.regex(await runAndPrint({ steps: [build(['true'], { name: 'make' })] }), /Build succeeded in .* \(1 of 1 steps passed\)\n$/);
  t.regex(await runAndPrint({ steps: [build(['false'], { name: 'make' })] }), /Build FAILED in .* \(0 of 1 steps passed\)\n$/);
});
