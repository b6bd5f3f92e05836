// The live reporter driven by a scripted call function (a process seam for speed): batching
// by size and time, one call at a time in protocol order, batches that grow while the server
// is slow, a consumer that never waits, retries, and the fallbacks. The same reporter against
// a real server is in test/e2e/.
import { setImmediate as nextTurn } from 'node:timers/promises';
import test from 'ava';
import type { BuildEndEvent, RunEvent } from '../../../runner/events.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';
import type { ServerCall } from '../../../runner/transport/live-calls.ts';
import { createLiveReporter, noLiveBuildsMessage, type LiveReporterOptions } from '../../../runner/transport/live-reporter.ts';
import { XmlRpcTransportError } from '../../../runner/transport/transport-error.ts';
import type { ClientInfo, StepResult, WireValue } from '../../../wire/types.ts';
import { XmlRpcFault } from '../../../wire/xmlrpc/index.ts';

interface RecordedCall {
  methodName: string;
  params: WireValue[];
}

type Answer = (methodName: string, params: WireValue[]) => WireValue | Promise<WireValue>;

const answerLikeTheServer: Answer = (methodName) =>
  methodName === 'begin_build' ? [7, 'update-token'] : methodName === 'finish_build' ? [7, 'auth-key'] : true;

/** A call function that records each call, answers as `answer` says, and counts calls in flight. */
function scriptServer(answer: Answer = answerLikeTheServer) {
  const calls: RecordedCall[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const call: ServerCall = async (methodName, params) => {
    calls.push({ methodName, params });
    for (const waiter of waiters.filter((waiter) => calls.length >= waiter.count)) {
      waiter.resolve();
    }
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      return await answer(methodName, params);
    } finally {
      inFlight -= 1;
    }
  };
  return {
    call,
    calls,
    get mostInFlight() {
      return mostInFlight;
    },
    /** Resolves once `count` calls were made. */
    waitForCalls: (count: number) => new Promise<void>((resolve) => (calls.length >= count ? resolve() : waiters.push({ count, resolve }))),
    named: (methodName: string) => calls.filter((recorded) => recorded.methodName === methodName),
  };
}

const identity: ClientInfo = { package: 'p', host: 'h', arch: 'a', success: false, tags: [], submission_id: 'id-1' };
const startEvent: RunEvent = { type: 'build:start', package: 'p', tags: [], time: 0, clientInfo: identity };
const step = (name: string): StepResult => ({ name, type: 'build', status: 0, output: '', errout: '', command: name, duration: 0 });
const endEvent = (results: StepResult[], extra: Partial<BuildEndEvent> = {}): BuildEndEvent => ({
  type: 'build:end',
  clientInfo: { ...identity, success: true, duration: 1 },
  results,
  ...extra,
});
const quiet: LiveReporterOptions = { say: () => undefined };

function refused(methodName: string) {
  return new XmlRpcTransportError({ methodName, url: 'http://127.0.0.1:9/xmlrpc', failure: 'connection-refused', description: 'connection refused' });
}

test('a chatty step of 10,000 lines makes a few append_output calls, each a full batch', async (t) => {
  const server = scriptServer();
  const reporter = createLiveReporter(server.call, { ...quiet, flushIntervalMs: 3_600_000 });
  const line = `${'x'.repeat(49)}\n`;
  reporter.consume(startEvent);
  for (let index = 0; index < 10_000; index++) {
    reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: line });
    // The server answers between lines, so a reporter without batching would send every one.
    await nextTurn();
  }
  reporter.consume({ type: 'step:end', index: 0, result: step('chatty') });
  reporter.consume(endEvent([step('chatty')]));
  t.like(await reporter.settle(), { finished: { resultKey: 7, authKey: 'auth-key' } });
  const appended = server.named('append_output');
  t.is(appended.length, Math.floor((10_000 * line.length) / (64 * 1024)));
  for (const [position, { params }] of appended.entries()) {
    t.true((params[3] as string).length >= 64 * 1024);
    t.is(params[4], position === 0 ? 0 : appended.slice(0, position).reduce((sum, call) => sum + (call.params[3] as string).length, 0));
  }
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build', ...appended.map(() => 'append_output'), 'add_step', 'finish_build']);
});

test('output waits at most the flush interval, then goes out without more arriving', async (t) => {
  const server = scriptServer();
  const reporter = createLiveReporter(server.call, { ...quiet, flushIntervalMs: 20 });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:output', index: 0, stream: 'errout', text: 'one line\n' });
  await server.waitForCalls(2);
  t.deepEqual(server.calls[1], { methodName: 'append_output', params: ['update-token', 0, 'errout', 'one line\n', 0] });
});

test('live output stops at the capture head, and what a finished step did not send is dropped', async (t) => {
  const server = scriptServer();
  const reporter = createLiveReporter(server.call, { ...quiet, captureBytes: 1024 * 1024 });
  reporter.consume(startEvent);
  // Emitted in one go: begin_build is still in flight, so it all waits for one batch.
  for (let index = 0; index < 20_000; index++) {
    reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: `${String(index).padStart(63, '.')}\n` });
  }
  await server.waitForCalls(2);
  const sent = server.calls[1]!.params[3] as string;
  t.is(sent.length, 512 * 1024);
  t.true(sent.startsWith('.'.repeat(62) + '0\n'));
  reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: 'past the head\n' });
  reporter.consume({ type: 'step:output', index: 0, stream: 'errout', text: 'errout has a head of its own\n' });
  reporter.consume({ type: 'step:end', index: 0, result: step('big') });
  reporter.consume(endEvent([step('big')]));
  await reporter.settle();
  // The step ended with the build while append_output was in flight: finish_build carries it.
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build', 'append_output', 'finish_build']);
});

test('a head cut never splits a character', async (t) => {
  const server = scriptServer();
  const reporter = createLiveReporter(server.call, { ...quiet, captureBytes: 10, flushIntervalMs: 0 });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: 'ab€€' });
  await server.waitForCalls(2);
  t.is(server.calls[1]!.params[3], 'ab€');
});

test('while a call is in flight output keeps accumulating, so a slow server gets bigger batches', async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = scriptServer(async (methodName, params) => {
    if (methodName === 'append_output' && params[4] === 0) {
      await gate;
    }
    return answerLikeTheServer(methodName, params);
  });
  const reporter = createLiveReporter(server.call, { ...quiet, flushIntervalMs: 3_600_000 });
  reporter.consume(startEvent);
  const kibibyte = `${'k'.repeat(1023)}\n`;
  for (let index = 0; index < 64; index++) {
    reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: kibibyte });
  }
  await server.waitForCalls(2);
  for (let index = 0; index < 200; index++) {
    reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: kibibyte });
  }
  release();
  await server.waitForCalls(3);
  t.is((server.calls[1]!.params[3] as string).length, 64 * 1024);
  t.deepEqual(server.calls[2]!.params.slice(1, 3), [0, 'output']);
  t.is((server.calls[2]!.params[3] as string).length, 200 * 1024);
  t.is(server.calls[2]!.params[4], 64 * 1024);
});

test('the consumer returns at once even when the server never answers, and the build ends', async (t) => {
  const server = scriptServer(() => new Promise<WireValue>(() => undefined));
  const reporter = createLiveReporter(server.call, quiet);
  const returned: unknown[] = [];
  const outcome = await runBuild({
    package: 'p',
    steps: [build(['node', '-e', 'console.log("a"); console.error("b")'], { name: 'both' })],
    consumers: [(event) => void returned.push(reporter.consume(event))],
  });
  t.true(outcome.clientInfo.success);
  t.true(returned.length >= 4);
  t.true(returned.every((value) => value === undefined));
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build']);
});

test('calls go one at a time, in protocol order, and finish_build carries the whole result', async (t) => {
  const server = scriptServer(async (methodName, params) => {
    // Answers take a few turns of the event loop, as a real server's would.
    for (let turn = 0; turn < 3; turn++) {
      await nextTurn();
    }
    return answerLikeTheServer(methodName, params);
  });
  const reporter = createLiveReporter(server.call, { ...quiet, flushIntervalMs: 0 });
  let end: BuildEndEvent | undefined;
  await runBuild({
    package: 'p',
    steps: [
      build(['node', '-e', 'for (let i = 0; i < 3; i++) console.log("first " + i)'], { name: 'first' }),
      build(['node', '-e', 'console.error("second")'], { name: 'second' }),
      build(['node', '-e', 'process.exit(0)'], { name: 'third' }),
    ],
    consumers: [reporter.consume, (event) => void (event.type === 'build:end' && (end = event))],
  });
  t.like(await reporter.settle(), { finished: { resultKey: 7 } });
  t.is(server.mostInFlight, 1);
  const names = server.calls.map((call) => call.methodName);
  t.is(names[0], 'begin_build');
  t.is(names.at(-1), 'finish_build');
  let added = 0;
  for (const { methodName, params } of server.calls.slice(1, -1)) {
    if (methodName === 'add_step') {
      t.is((params[1] as StepResult).name, end!.results[added]!.name);
      added += 1;
    } else {
      t.is(methodName, 'append_output');
      t.is(params[1], added, 'output belongs to the step the server will add next');
    }
  }
  t.is(added, 3);
  t.deepEqual(server.calls.at(-1)!.params, ['update-token', end!.clientInfo, end!.results]);
  t.like(server.calls[0]!.params[0] as ClientInfo, { package: 'p', success: false, submission_id: end!.clientInfo.submission_id });
});

test('a call the server could not answer is retried, with the same offset', async (t) => {
  let failures = 0;
  const server = scriptServer((methodName, params) => {
    if ((methodName === 'begin_build' && failures < 2) || (methodName === 'append_output' && failures === 2)) {
      failures += 1;
      throw refused(methodName);
    }
    return answerLikeTheServer(methodName, params);
  });
  const reporter = createLiveReporter(server.call, { ...quiet, retryDelaysMs: [0, 0, 0], flushIntervalMs: 0 });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:output', index: 0, stream: 'output', text: 'once\n' });
  await server.waitForCalls(5);
  reporter.consume({ type: 'step:end', index: 0, result: step('s') });
  reporter.consume(endEvent([step('s')]));
  t.like(await reporter.settle(), { finished: { resultKey: 7 } });
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build', 'begin_build', 'begin_build', 'append_output', 'append_output', 'finish_build']);
  t.deepEqual(server.calls[3]!.params, server.calls[4]!.params);
});

test('a server without live builds is told apart and said once; nothing more is sent', async (t) => {
  for (const fault of [
    new XmlRpcFault(-32601, 'unknown method "begin_build"; known: add_results, get_results'),
    new XmlRpcFault(1, `<class 'Exception'>:method "begin_build" is not supported`),
  ]) {
    const said: string[] = [];
    const server = scriptServer(() => Promise.reject(fault));
    const reporter = createLiveReporter(server.call, { say: (text) => said.push(text) });
    reporter.consume(startEvent);
    for (let index = 0; index < 3; index++) {
      reporter.consume({ type: 'step:output', index, stream: 'output', text: 'x'.repeat(70_000) });
      reporter.consume({ type: 'step:end', index, result: step(`s${index}`) });
    }
    reporter.consume(endEvent([step('s0'), step('s1'), step('s2')]));
    t.deepEqual(await reporter.settle(), { unsupported: true });
    t.deepEqual(said, [noLiveBuildsMessage]);
    t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build']);
  }
});

test('a server that cannot be reached ends live reporting once its retries run out, and says so once', async (t) => {
  const said: string[] = [];
  const server = scriptServer((methodName) => Promise.reject(refused(methodName)));
  const reporter = createLiveReporter(server.call, { say: (text) => said.push(text), retryDelaysMs: [0] });
  reporter.consume(startEvent);
  const outcome = await reporter.settle();
  reporter.consume({ type: 'step:end', index: 0, result: step('s') });
  reporter.consume(endEvent([step('s')]));
  t.true('failed' in outcome && outcome.failed instanceof XmlRpcTransportError && outcome.updateToken === undefined);
  t.deepEqual(said, [
    'pony-build: live reporting stopped, the server did not answer (XML-RPC call begin_build to http://127.0.0.1:9/xmlrpc failed: connection refused); ' +
      'the build goes on and its result will be sent when it ends',
  ]);
  t.is(server.calls.length, 2);
});

test('a refused update quiets live reporting, and the build is still finished whole', async (t) => {
  const said: string[] = [];
  const server = scriptServer((methodName, params) => {
    if (methodName === 'add_step') {
      throw new XmlRpcFault(-32602, 'add_step: step.status must be an int');
    }
    return answerLikeTheServer(methodName, params);
  });
  const reporter = createLiveReporter(server.call, { say: (text) => said.push(text), flushIntervalMs: 0 });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:end', index: 0, result: step('s0') });
  await server.waitForCalls(2);
  reporter.consume({ type: 'step:output', index: 1, stream: 'output', text: 'not sent\n' });
  reporter.consume({ type: 'step:end', index: 1, result: step('s1') });
  reporter.consume(endEvent([step('s0'), step('s1')]));
  t.like(await reporter.settle(), { finished: { resultKey: 7 } });
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build', 'add_step', 'finish_build']);
  t.deepEqual(said, ['pony-build: the server refused a live update (XML-RPC fault -32602: add_step: step.status must be an int); the result will be sent whole when the build ends']);
});

test('held back, the build is begun only once the steps will run; a skipped build sends nothing', async (t) => {
  const skipped = scriptServer();
  const held = createLiveReporter(skipped.call, { ...quiet, holdBegin: true });
  held.consume(startEvent);
  held.consume({ type: 'step:end', index: 0, result: step('checkout') });
  held.consume(endEvent([step('checkout')], { skipReason: 'revision r was already reported as result 3' }));
  t.deepEqual(await held.settle(), { skipped: true });
  t.deepEqual(skipped.calls, []);

  const released = scriptServer();
  const reporter = createLiveReporter(released.call, { ...quiet, holdBegin: true });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:end', index: 0, result: step('checkout') });
  t.deepEqual(released.calls, []);
  reporter.releaseBegin();
  await released.waitForCalls(2);
  t.deepEqual(released.calls.map((call) => call.methodName), ['begin_build', 'add_step']);
});

test('an update the server could not take as the build ended is carried by finish_build', async (t) => {
  let fail!: () => void;
  const failing = new Promise<void>((resolve) => (fail = resolve));
  const server = scriptServer(async (methodName, params) => {
    if (methodName === 'add_step') {
      await failing;
      throw new XmlRpcTransportError({ methodName, url: 'http://127.0.0.1:9/xmlrpc', failure: 'network', description: 'connection reset by the server' });
    }
    return answerLikeTheServer(methodName, params);
  });
  const reporter = createLiveReporter(server.call, { say: () => t.fail('nothing to say') });
  reporter.consume(startEvent);
  reporter.consume({ type: 'step:end', index: 0, result: step('s') });
  await server.waitForCalls(2);
  reporter.consume(endEvent([step('s')]));
  fail();
  t.like(await reporter.settle(), { finished: { resultKey: 7 } });
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build', 'add_step', 'finish_build']);
});

test('the build ending wakes a wait between tries; a build never begun is left to be sent whole', async (t) => {
  let waiting!: () => void;
  const waitStarted = new Promise<void>((resolve) => (waiting = resolve));
  const server = scriptServer((methodName) => Promise.reject(refused(methodName)));
  const reporter = createLiveReporter(server.call, { ...quiet, retryDelaysMs: [3_600_000], debug: (text) => text.includes('trying again') && waiting() });
  reporter.consume(startEvent);
  await waitStarted;
  reporter.consume(endEvent([]));
  const outcome = await reporter.settle();
  t.true('failed' in outcome && outcome.updateToken === undefined);
  t.deepEqual(server.calls.map((call) => call.methodName), ['begin_build']);
});

test('once the build ended, begin_build is tried again only when an earlier try may have reached the server', async (t) => {
  const timedOut = (methodName: string) =>
    new XmlRpcTransportError({ methodName, url: 'http://127.0.0.1:9/xmlrpc', failure: 'timeout', description: 'no answer within 60000 ms' });
  for (const [failure, expected] of [
    [refused, ['begin_build']],
    [timedOut, ['begin_build', 'begin_build', 'finish_build']],
  ] as const) {
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const server = scriptServer(async (methodName, params) => {
      if (methodName === 'begin_build' && server.calls.length === 1) {
        await failing;
        throw failure(methodName);
      }
      return answerLikeTheServer(methodName, params);
    });
    const reporter = createLiveReporter(server.call, { ...quiet, retryDelaysMs: [0] });
    reporter.consume(startEvent);
    await server.waitForCalls(1);
    reporter.consume(endEvent([]));
    fail();
    const outcome = await reporter.settle();
    t.deepEqual(server.calls.map((call) => call.methodName), [...expected]);
    // A begin_build that may have arrived began the build there: only its token finishes it.
    t.is('finished' in outcome, failure === timedOut);
  }
});
