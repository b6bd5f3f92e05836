import test from 'ava';
import { createCoordinator, parseServerConfig } from '../../../server/index.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { createClock, createTestStore, startTestApp, startTestServer } from '../helpers/server.ts';

test('GET /api/v1/expected lists each expected builder with its state', async (t) => {
  const clock = createClock();
  const config = parseServerConfig({
    expected: [{ package: 'widget', tags: ['node20'], max_age: '2h' }, { package: 'gadget', host: 'mac', max_age: 60 }],
  });
  const coordinator = createCoordinator(await createTestStore(t), { now: clock.now, expected: config.expected });
  const { url } = await startTestApp(t, { coordinator });
  const { resultKey } = await coordinator.addResults(makeClientInfo(), [], { clientIp: '127.0.0.1' });
  clock.advance(3 * 3600);

  const response = await fetch(new URL('api/v1/expected', url));
  t.is(response.status, 200);
  t.deepEqual(await response.json(), {
    expected: [
      {
        package: 'widget', host: null, arch: null, tags: ['node20'], max_age_seconds: 7200,
        state: 'stale', age_seconds: 10_800,
        latest: { result_key: resultKey, time: 1_700_000_000, success: true, url: `/results/${resultKey}` },
        tagsets: [{
          tagset: ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20'],
          tags: ['node20'], host: 'builder-1', arch: 'linux-x86_64', state: 'stale',
          latest: { result_key: resultKey, time: 1_700_000_000, success: true, url: `/results/${resultKey}` },
        }],
      },
      {
        package: 'gadget', host: 'mac', arch: null, tags: [], max_age_seconds: 60,
        state: 'missing', age_seconds: null, latest: null, tagsets: [],
      },
    ],
  });
});

test('a server started with a configuration answers with it; without one the list is empty', async (t) => {
  const configured = await startTestServer(t, { config: parseServerConfig({ expected: [{ package: 'p', max_age: '1h' }] }) });
  const body = await (await fetch(new URL('api/v1/expected', configured.url))).json() as { expected: Array<{ state: string }> };
  t.deepEqual(body.expected.map((entry) => entry.state), ['missing']);

  const plain = await startTestServer(t);
  t.deepEqual(await (await fetch(new URL('api/v1/expected', plain.url))).json(), { expected: [] });
});
