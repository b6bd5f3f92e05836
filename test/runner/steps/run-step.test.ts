import test from 'ava';
import type { BuildContext, RunEvent, StepResult } from '../../../runner/index.ts';
import { runBuild, setup } from '../../../runner/index.ts';

// A context that runs one recorded step with a `beforeEnd` hook, as a checkout does.
function completingContext(beforeEnd: (result: StepResult) => void | Promise<void>): BuildContext {
  return {
    name: 'completing',
    async enter(scope) {
      await scope.runStep(setup(['echo', 'made'], { name: 'make' }), { beforeEnd });
    },
    async exit() {},
  };
}

test('what beforeEnd adds to a result is on the result step:end carries', async (t) => {
  const ends: StepResult[] = [];
  const outcome = await runBuild({
    package: 'p',
    contexts: [completingContext(async (result) => void (result.version_info = `${result.output.trim()} and completed`))],
    steps: [],
    consumers: [(event: RunEvent) => void (event.type === 'step:end' && ends.push(structuredClone(event.result)))],
  });
  t.true(outcome.clientInfo.success);
  t.like(ends, [{ name: 'make', status: 0, version_info: 'made and completed' }]);
});

test('a beforeEnd that throws still ends the step once, as it was, and fails the context with the hook\'s error', async (t) => {
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    contexts: [completingContext(() => {
      throw new Error('could not read the revision');
    })],
    steps: [setup(['true'], { name: 'never runs' })],
    consumers: [(event) => void events.push(event)],
  });
  t.false(outcome.clientInfo.success);
  t.deepEqual(events.flatMap((event) => (event.type === 'step:end' ? [[event.index, event.result.name, event.result.status]] : [])), [
    [0, 'make', 0],
    [1, 'enter completing', -1],
  ]);
  t.like(outcome.results, [{ name: 'make', status: 0, output: 'made\n' }, { name: 'enter completing', errout: 'could not read the revision\n' }]);
  t.deepEqual(events.flatMap((event) => (event.type === 'step:skip' ? [event.name] : [])), ['never runs']);
});
