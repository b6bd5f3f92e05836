import test from 'ava';
import type { BuildEndEvent } from '../../../runner/events.ts';
import { createResultDelivery } from '../../../runner/run/result-delivery.ts';

const end: BuildEndEvent = {
  type: 'build:end',
  clientInfo: { package: 'p', host: 'h', arch: 'linux-x64', success: true, tags: [] },
  results: [{ name: 'compile', type: 'build', command: ['make'], status: 0, output: '', errout: '', duration: 1 }],
};

test('the result is delivered at build:end, and the outcome is what delivering returned', async (t) => {
  const received: BuildEndEvent[] = [];
  const delivery = createResultDelivery(async (event) => {
    received.push(event);
    return 'receipt';
  });
  t.is(delivery.consume({ type: 'context:note', text: 'nothing to deliver yet' }), undefined);
  t.is(delivery.outcome, undefined);
  await delivery.consume(end);
  t.deepEqual(received, [end]);
  t.deepEqual(delivery.outcome, { delivered: 'receipt' });
});

test('a failure to deliver becomes the outcome instead of failing the run', async (t) => {
  const delivery = createResultDelivery(async () => {
    throw new Error('connection refused');
  });
  await t.notThrowsAsync(async () => delivery.consume(end));
  const outcome = delivery.outcome;
  t.true(outcome !== undefined && 'failed' in outcome && outcome.failed.message === 'connection refused');
});

test('a run that skipped its steps delivers nothing', async (t) => {
  const delivery = createResultDelivery(async () => t.fail('nothing should be delivered'));
  t.is(delivery.consume({ ...end, skipReason: 'revision 7 was already reported as result 3' }), undefined);
  t.is(delivery.outcome, undefined);
});
