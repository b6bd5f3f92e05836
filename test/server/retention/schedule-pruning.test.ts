import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { schedulePruning } from '../../../server/retention/schedule-pruning.ts';
import { recordLogLines } from '../../helpers/log-lines.ts';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo } from '../helpers/results.ts';

const policy = { keepLast: 5, maxAgeDays: null, intervalSeconds: 1 };

// Node fires timers of one duration in the order they were set, so a timer of one interval set
// now fires after any run the schedule had already timed: waiting for it shows no run was due.
function waitOneInterval(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, policy.intervalSeconds * 1000));
}

test('runs repeat on the interval, log only when something went, survive a failure, and stop', async (t) => {
  const outcomes = [0, 3, new Error('disk full'), 1];
  const { lines, log } = recordLogLines();
  let runs = 0;
  let resolveLastRunStarted!: () => void;
  const lastRunStarted = new Promise<void>((resolve) => {
    resolveLastRunStarted = resolve;
  });
  // The schedule's timers never keep a process alive; this holds the test's open meanwhile.
  const keepAlive = setInterval(() => {}, 60_000);
  t.teardown(() => clearInterval(keepAlive));
  const schedule = schedulePruning({
    policy,
    log,
    prune: async () => {
      const outcome = outcomes[runs++];
      if (runs === outcomes.length) {
        resolveLastRunStarted();
      }
      if (outcome instanceof Error) {
        throw outcome;
      }
      return { removed: outcome ?? 0 };
    },
  });
  await lastRunStarted;
  // Stopped while the last run is in progress: stop() waits for it.
  await schedule.stop();
  const runsAtStop = runs;
  t.is(lines[0], 'retention: removed 3 results (keep_last 5)');
  t.regex(lines[1]!, /^retention: pruning failed: Error: disk full/);
  t.is(lines[2], 'retention: removed 1 result (keep_last 5)');
  await waitOneInterval();
  t.is(runs, runsAtStop, 'no run after stop()');
});

test('a server with a retention policy prunes in the background and logs it', async (t) => {
  // The results are stored first, by a server without a policy, so that the first background
  // run finds all three however long storing them takes.
  const seeding = await startTestServer(t);
  for (let index = 0; index < 3; index++) {
    const response = await fetch(new URL('api/v1/results', seeding.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_info: makeClientInfo(), results_list: [] }),
    });
    t.is(response.status, 201);
  }
  await seeding.server.close();
  const config = parseServerConfig({ retention: { keep_last: 1, interval: '1s' } });
  const { lines, log, waitForLine } = recordLogLines();
  const { db, server } = await startTestServer(t, { db: seeding.db, config, log });
  await waitForLine('retention:');
  t.deepEqual(lines, ['retention: removed 2 results (keep_last 1)']);
  await server.close();
  t.is(await countRows(db), 1);
});
