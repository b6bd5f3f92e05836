// pony-build's reporter for node:test. Plain JavaScript, because node loads
// reporters itself (no TypeScript loader). It writes one JSON line per finished
// test case, which the runner reads back into the step's `test_cases`:
//
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//        --test-reporter="$PONY_BUILD_NODE_TEST_REPORTER" \
//        --test-reporter-destination="$PONY_BUILD_NODE_TEST_EVENTS"
//
// A test with subtests is written only when it failed while none of its
// subtests did (a failing hook), so each failure is counted once.

export default async function* ponyBuildReporter(source) {
  // Per nesting level: the names of the tests now open, and what finished below them.
  const names = [];
  const finishedBelow = [];
  let last;
  for await (const event of source) {
    const data = event.data ?? {};
    if (event.type === 'test:start') {
      names.length = data.nesting;
      names[data.nesting] = data.name;
      finishedBelow.length = data.nesting + 1;
      finishedBelow[data.nesting + 1] = { count: 0, failed: 0 };
    } else if (event.type === 'test:pass' || event.type === 'test:fail') {
      if (last) yield `${JSON.stringify(last)}\n`;
      last = undefined;
      const below = finishedBelow[data.nesting + 1] ?? { count: 0, failed: 0 };
      const failed = event.type === 'test:fail' && data.todo === undefined;
      const level = (finishedBelow[data.nesting] ??= { count: 0, failed: 0 });
      level.count += 1;
      level.failed += failed ? 1 : 0;
      finishedBelow[data.nesting + 1] = { count: 0, failed: 0 };
      if (below.count > 0 && !(failed && below.failed === 0)) continue;
      last = toCase(event.type, data, names.slice(0, data.nesting));
    } else if (event.type === 'test:diagnostic' && last && data.line !== undefined && data.nesting === last.nesting) {
      // t.diagnostic() notes follow their test's result at its nesting.
      last.output = last.output === undefined ? data.message : `${last.output}\n${data.message}`;
    }
  }
  if (last) yield `${JSON.stringify(last)}\n`;
}

function toCase(type, data, suites) {
  const testCase = {
    name: String(data.name),
    suite: suites.join(' › '),
    nesting: data.nesting,
    status: getStatus(type, data),
    duration: (data.details?.duration_ms ?? 0) / 1000,
  };
  if (data.file) testCase.file = data.file;
  const error = data.details?.error;
  if (data.skip !== undefined || data.todo !== undefined) {
    const reason = data.skip ?? data.todo;
    if (typeof reason === 'string' && reason !== '') testCase.message = reason;
  }
  if (error && type === 'test:fail') {
    Object.assign(testCase, describeError(error));
  }
  return testCase;
}

function getStatus(type, data) {
  if (data.todo !== undefined) return 'todo';
  if (data.skip !== undefined) return 'skipped';
  if (type === 'test:pass') return 'passed';
  const failureType = data.details?.error?.failureType;
  // Anything but the test's own code failing (a hook, a cancellation, a timeout) is an error.
  return failureType === 'testCodeFailure' || failureType === undefined ? 'failed' : 'error';
}

// node wraps the test's own error as `cause` of an ERR_TEST_FAILURE.
function describeError(error) {
  const cause = error.cause instanceof Error || (error.cause && typeof error.cause === 'object') ? error.cause : undefined;
  const own = error.failureType === 'testCodeFailure' && cause;
  const message = own ? String(cause.message ?? '') : [error.message, cause?.message].filter(Boolean).join(': ');
  const details = (cause ?? error).stack ?? String(cause ?? error);
  return { message: message.trim(), details: String(details) };
}
