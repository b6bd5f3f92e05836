import test from 'ava';
import type { RunEvent } from '../../../runner/events.ts';
import { createEventBus } from '../../../runner/run/event-bus.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';

const note = (text: string): RunEvent => ({ type: 'context:note', text });

test('every consumer gets every event, in the order the consumers were given', (t) => {
  const seen: string[] = [];
  const emit = createEventBus([(event) => void seen.push(`a ${event.type}`), (event) => void seen.push(`b ${event.type}`)]);
  t.is(emit(note('one')), undefined, 'synchronous consumers make emitting synchronous');
  emit({ type: 'context:exit', name: 'temp dir' });
  t.deepEqual(seen, ['a context:note', 'b context:note', 'a context:exit', 'b context:exit']);
});

test('a consumer that returns a promise holds the producer back until it settles', async (t) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const emit = createEventBus([() => undefined, () => held]);
  let settled = false;
  const emitted = Promise.resolve(emit(note('slow'))).then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  t.false(settled);
  release();
  await emitted;
  t.true(settled);
});

test('a consumer added to runBuild sees the same stream as the others, and build:end carries the outcome', async (t) => {
  const first: RunEvent[] = [];
  const second: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    steps: [build(['node', '-e', 'console.log("hi")'], { name: 'greet' })],
    consumers: [(event) => void first.push(event), async (event) => void second.push(event)],
  });
  t.deepEqual(second, first);
  t.deepEqual(first.map((event) => event.type), ['build:start', 'step:start', 'step:output', 'step:end', 'build:end']);
  t.deepEqual(first.at(-1), { type: 'build:end', clientInfo: outcome.clientInfo, results: outcome.results });
});

test('the run waits for a consumer still busy with build:end before it returns', async (t) => {
  let delivered = false;
  await runBuild({
    package: 'p',
    steps: [],
    consumers: [
      async (event) => {
        if (event.type === 'build:end') {
          await new Promise((resolve) => setImmediate(resolve));
          delivered = true;
        }
      },
    ],
  });
  t.true(delivered);
});

test('build:end says why the steps were skipped, so deliveries can tell there is nothing to deliver', async (t) => {
  const events: RunEvent[] = [];
  const outcome = await runBuild({
    package: 'p',
    steps: [build(['true'], { name: 'never' })],
    checkBeforeSteps: async () => 'revision 7 was already reported as result 3',
    consumers: [(event) => void events.push(event)],
  });
  t.is(outcome.skipReason, 'revision 7 was already reported as result 3');
  t.like(events.at(-1), { type: 'build:end', skipReason: 'revision 7 was already reported as result 3' });
});
