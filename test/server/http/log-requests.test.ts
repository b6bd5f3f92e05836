// Every request leaves one line in the server's log, over a real server; secrets never do.
import test from 'ava';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { recordLogLines } from '../../helpers/log-lines.ts';
import { REQUEST_LINE } from '../helpers/request-log.ts';
import { startTestServer } from '../helpers/server.ts';
import { openEventStream } from '../web/event-stream-reader.ts';

test('each request is one line: when it arrived, method, path, status, milliseconds and client address', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { log: recorded.log });
  const before = Date.now();
  await fetch(new URL('healthz', url));
  await fetch(new URL('no/such/page', url));

  const [, time, method, path, status, milliseconds, address] = REQUEST_LINE.exec(await recorded.waitForLine(/ \/healthz /))!;
  t.is(new Date(time!).toISOString(), time, 'the time is ISO 8601');
  t.true(Date.parse(time!) >= Math.floor(before / 1000) * 1000);
  t.deepEqual([method, path, status, address], ['GET', '/healthz', '200', '127.0.0.1']);
  t.true(Number(milliseconds) >= 0);
  t.regex(await recorded.waitForLine(/ \/no\/such\/page /), /^\S+ GET \/no\/such\/page 404 \d+ms 127\.0\.0\.1$/);
});

test('no secret is logged: not the query string with an upload\'s auth_key, no header, no update token in a path', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { log: recorded.log });
  const live = createLiveClient('json', url);
  const stored = await live.addResults(makeClientInfo(), [makeStep()]);
  const upload = await fetch(new URL(`upload?description=log&filename=a.txt&auth_key=${stored.authKey}&visible=yes`, url), {
    method: 'POST',
    headers: { Authorization: 'Bearer header-secret', Cookie: 'session=cookie-secret' },
    body: 'hello',
  });
  t.is(upload.status, 200, await upload.text());
  const begun = await live.beginBuild(makeClientInfo());
  await live.addStep(begun.updateToken, makeStep());
  const misspelt = await fetch(new URL(`api/v1/builds/${begun.updateToken}/stepz`, url), { method: 'POST', body: '{}' });
  t.is(misspelt.status, 404);

  t.regex(await recorded.waitForLine(/ \/upload /), /^\S+ POST \/upload 200 \d+ms 127\.0\.0\.1$/);
  t.regex(await recorded.waitForLine(/ \/api\/v1\/builds\/:token\/steps /), / 200 /);
  t.regex(await recorded.waitForLine(/ \/api\/v1\/builds\/:token\/stepz /), / 404 /);
  await recorded.waitForLine(/ POST \/api\/v1\/builds 201 /);
  const log = recorded.lines.join('\n');
  for (const secret of [stored.authKey, begun.updateToken, 'header-secret', 'cookie-secret', 'auth_key', '?']) {
    t.false(log.includes(secret), `the log shows ${secret}:\n${log}`);
  }
});

test('an event stream is logged once it ends, with how long it was open', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { log: recorded.log });
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  const stream = await openEventStream(t, new URL(`results/${begun.resultKey}/live`, url).href);
  t.deepEqual(await stream.next(), { kind: 'retry', ms: 2000 });

  await fetch(new URL('healthz', url));
  await recorded.waitForLine(/ \/healthz /);
  t.false(recorded.lines.some((line) => line.includes('/live')), 'a stream still open is not logged yet');

  await live.finishBuild(begun.updateToken, makeClientInfo());
  while ((await stream.next()).kind !== 'end');
  t.regex(await recorded.waitForLine(/\/live /), new RegExp(`^\\S+ GET /results/${begun.resultKey}/live 200 \\d+ms 127\\.0\\.0\\.1$`));
});
