import { setTimeout as delay } from 'node:timers/promises';
import test, { type ExecutionContext } from 'ava';
import { parseServerConfig } from '../../../server/config/parse-server-config.ts';
import type { RunningServer } from '../../../server/start-server.ts';
import { postJson } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createTestDb, readRows, startTestServer } from '../helpers/server.ts';
import { listAcknowledged, parseBody, startReceiver, type ReceivedRequest } from './helpers/receivers.ts';

const SECRET = 'It is a secret to everybody';

async function start(t: ExecutionContext, db: string, document: Record<string, unknown>, log: string[] = []): Promise<RunningServer> {
  return (await startTestServer(t, { db, config: parseServerConfig(document), log: (line) => log.push(line) })).server;
}

async function submit(url: string, clientInfo: Record<string, unknown>, steps = [makeStep()]): Promise<number> {
  const response = await postJson(url, 'api/v1/results', { client_info: makeClientInfo(clientInfo), results_list: steps });
  return ((await response.json()) as { result_key: number }).result_key;
}

// Polls the database the server writes: what the queue did is only visible there.
async function waitForDelivery(db: string, check: (row: { last_error: string | null; attempts: number }) => boolean): Promise<void> {
  while (!(await readRows<{ last_error: string | null; attempts: number }>(db, 'SELECT last_error, attempts FROM deliveries')).some(check)) {
    await delay(20);
  }
}

const eventsOf = (requests: readonly ReceivedRequest[]) => listAcknowledged(requests).map((request) => `${parseBody(request).result_key} ${request.headers['x-pony-build-event']}`);

test('every delivery reaches a receiver that refused, went down and came back, across a server restart, once, signed', async (t) => {
  const db = await createTestDb(t);
  const receiver = await startReceiver(t, SECRET);
  const document = {
    public_url: 'https://ci.example.org/ci/',
    webhooks: [{ url: receiver.url, secret: SECRET, events: ['result', 'broke', 'fixed', 'still_failing'] }],
    deliveries: { retry_delays: [0.02], max_attempts: 1000 },
  };
  const log: string[] = [];
  const first = await start(t, db, document, log);
  receiver.answer = 503;
  const passed = await submit(first.url, { success: true });
  await receiver.waitFor((requests) => requests.filter((request) => request.status === 503).length >= 2);
  await receiver.stop();
  const broke = await submit(first.url, { success: false }, [makeStep({ name: 'configure' }), makeStep({ name: 'make test', status: 2 })]);
  await first.close();

  const second = await start(t, db, document, log);
  await waitForDelivery(db, (row) => row.last_error === 'ECONNREFUSED' && row.attempts >= 2);
  const stillFailing = await submit(second.url, { success: false });
  receiver.answer = 200;
  await receiver.restart();
  const fixed = await submit(second.url, { success: true });
  const expected = [
    `${passed} result`, `${broke} result`, `${broke} broke`, `${stillFailing} result`, `${stillFailing} still_failing`, `${fixed} result`, `${fixed} fixed`,
  ];
  await receiver.waitFor((requests) => eventsOf(requests).length >= expected.length);
  await second.close();

  const acknowledged = listAcknowledged(receiver.requests);
  t.deepEqual(eventsOf(receiver.requests).sort(), expected.sort());
  const ids = acknowledged.map((request) => request.headers['x-pony-build-delivery']);
  t.is(new Set(ids).size, expected.length, 'each delivery id is acknowledged once');
  // A retry is the same delivery: its id and its bytes are those of the refused attempts.
  const passedAttempts = receiver.requests.filter((request) => parseBody(request).result_key === passed);
  t.true(passedAttempts.length >= 3);
  t.is(new Set(passedAttempts.map((request) => request.headers['x-pony-build-delivery'])).size, 1);
  t.is(new Set(passedAttempts.map((request) => request.body)).size, 1);
  t.true(receiver.requests.every((request) => request.status !== 401), 'every signature verifies');
  t.true(acknowledged.every((request) => request.headers['user-agent'] === 'pony-build' && request.headers['content-type'] === 'application/json'));

  const brokeBody = acknowledged.map(parseBody).find((body) => body.event === 'broke');
  t.like(brokeBody, {
    event: 'broke',
    package: 'widget',
    tagset: ['node20'],
    host: 'builder-1',
    arch: 'linux-x86_64',
    result_key: broke,
    result_url: `https://ci.example.org/ci/results/${broke}`,
    status: 'failed',
    change: 'broke',
    first_failing_step: { number: 2, name: 'make test' },
    failing_tests: [],
    failing_test_count: 0,
  });
  t.regex(brokeBody!.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.false(log.join('\n').includes(SECRET), 'the secret is never logged');
});

test('a webhook hears only its packages and events; one that never answers 2xx ends as failed after max_attempts', async (t) => {
  const db = await createTestDb(t);
  const others = await startReceiver(t, SECRET);
  const broken = await startReceiver(t, SECRET);
  broken.answer = 503;
  const log: string[] = [];
  const server = await start(t, db, {
    webhooks: [
      { url: others.url, secret: SECRET, events: ['result'], packages: ['gadget'] },
      { url: broken.url, secret: SECRET, events: ['broke'], packages: ['widget'] },
    ],
    deliveries: { retry_delays: ['0.01s', 0.02], max_attempts: 3 },
  }, log);
  await submit(server.url, { success: true });
  const gadget = await submit(server.url, { package: 'gadget', success: false });
  const widget = await submit(server.url, { success: false });
  await broken.waitFor((requests) => requests.length === 3);
  await others.waitFor((requests) => requests.length === 1);
  await server.close();
  t.deepEqual(eventsOf(others.requests), [`${gadget} result`]);
  t.deepEqual(broken.requests.map((request) => `${parseBody(request).result_key} ${parseBody(request).event}`), Array(3).fill(`${widget} broke`));
  const [brokeDelivery] = await readRows(db, "SELECT state, attempts, last_status, last_error FROM deliveries WHERE event = 'broke'");
  t.like(brokeDelivery, {
    state: 'failed', attempts: 3, last_status: 503, last_error: 'HTTP 503: not now',
  });
  t.regex(log.join('\n'), /delivery [\w-]+ \(webhook to http:\/\/127\.0\.0\.1:\d+\/hook\) failed after 3 attempts: HTTP 503: not now/);
});

test('an expected builder is announced once when it goes missing and when it goes stale, and a restart does not announce it again', async (t) => {
  const db = await createTestDb(t);
  const receiver = await startReceiver(t, SECRET);
  const document = {
    expected: [{ package: 'widget', max_age: 0.5 }, { package: 'ghost', host: 'attic', max_age: '1h' }],
    webhooks: [{ url: receiver.url, secret: SECRET, events: ['builder_missing', 'builder_stale'] }],
    deliveries: { retry_delays: [0.02], builder_check: 0.02 },
  };
  const builderEvents = () => listAcknowledged(receiver.requests).map(parseBody).map((body) => `${body.event} ${body.package} ${body.latest_result_key}`);
  const first = await start(t, db, document);
  await receiver.waitFor(() => builderEvents().length === 2);
  const firstKey = await submit(first.url, { success: true });
  await receiver.waitFor(() => builderEvents().includes(`builder_stale widget ${firstKey}`));
  await first.close();

  const second = await start(t, db, document);
  const secondKey = await submit(second.url, { success: true });
  await receiver.waitFor(() => builderEvents().includes(`builder_stale widget ${secondKey}`));
  await second.close();
  t.deepEqual(builderEvents().sort(), [
    'builder_missing ghost null', 'builder_missing widget null', `builder_stale widget ${firstKey}`, `builder_stale widget ${secondKey}`,
  ].sort());
  const ghost = listAcknowledged(receiver.requests).map(parseBody).find((body) => body.package === 'ghost');
  t.like(ghost, { event: 'builder_missing', host: 'attic', arch: null, tags: [], max_age_seconds: 3600, latest_result_url: null });
});
