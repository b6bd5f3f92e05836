import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { schedulePruning } from '../../../server/retention/schedule-pruning.ts';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo } from '../helpers/results.ts';

const policy = { keepLast: 5, maxAgeDays: null, intervalSeconds: 1 };

function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        reject(new Error('timed out'));
      } else {
        setTimeout(check, 20);
      }
    };
    check();
  });
}

test('runs repeat on the interval, log only when something went, survive a failure, and stop', async (t) => {
  const outcomes = [0, 3, new Error('disk full'), 1];
  const lines: string[] = [];
  let runs = 0;
  const schedule = schedulePruning({
    policy,
    log: (line) => lines.push(line),
    prune: async () => {
      const outcome = outcomes[runs++];
      if (outcome instanceof Error) {
        throw outcome;
      }
      return { removed: outcome ?? 0 };
    },
  });
  await waitFor(() => runs >= 4);
  await schedule.stop();
  const runsAtStop = runs;
  t.is(lines[0], 'retention: removed 3 results (keep_last 5)');
  t.regex(lines[1]!, /^retention: pruning failed: Error: disk full/);
  t.is(lines[2], 'retention: removed 1 result (keep_last 5)');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  t.is(runs, runsAtStop, 'no run after stop()');
});

test('a server with a retention policy prunes in the background and logs it', async (t) => {
  const config = parseServerConfig({ retention: { keep_last: 1, interval: '1s' } });
  const { url, db, server, logLines } = await startTestServer(t, { config });
  for (let index = 0; index < 3; index++) {
    const response = await fetch(new URL('api/v1/results', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_info: makeClientInfo(), results_list: [] }),
    });
    t.is(response.status, 201);
  }
  await waitFor(() => logLines.some((line) => line.startsWith('retention:')));
  t.deepEqual(logLines, ['retention: removed 2 results (keep_last 1)']);
  await server.close();
  t.is(countRows(db), 1);
});
