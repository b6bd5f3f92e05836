// A JSON body is read as strictly as an XML-RPC one: bytes that are not UTF-8 are refused, not
// turned into U+FFFD, and optional fields take what the XML-RPC arguments take.
import test from 'ava';
import { postJson } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { countRows, startTestServer } from '../helpers/server.ts';

test('a body that is not UTF-8 is a 400 saying at which byte, and nothing is stored', async (t) => {
  const { url, db } = await startTestServer(t);
  const text = JSON.stringify({ client_info: makeClientInfo({ host: 'caf\u00e9' }), results_list: [makeStep()] });
  const at = Buffer.byteLength(text.slice(0, text.indexOf('caf\u00e9') + 3));
  // Latin-1's é, a byte that cannot stand alone in UTF-8.
  const latin1 = Buffer.from(text, 'latin1');
  const response = await postJson(url, 'api/v1/results', latin1);
  t.is(response.status, 400);
  t.deepEqual(await response.json(), { error: `the request body is not valid UTF-8 (at byte ${at})` });
  t.is(await countRows(db), 0);
  t.is((await postJson(url, 'api/v1/results', text)).status, 201);
  t.is(await countRows(db), 1);
});

test('a body cut inside a character says where that character starts', async (t) => {
  const { url } = await startTestServer(t);
  const body = Buffer.concat([Buffer.from('{"client_info": {"package": "'), Buffer.from([0xe2, 0x82])]);
  const response = await postJson(url, 'api/v1/check-should-build', body);
  t.is(response.status, 400);
  t.deepEqual(await response.json(), { error: 'the request body is not valid UTF-8 (it ends inside the character that starts at byte 29)' });
});

test('reserve_build takes an int flag over JSON as over XML-RPC', async (t) => {
  const { url } = await startTestServer(t);
  const ask = async (reserveBuild: unknown) =>
    (await (await postJson(url, 'api/v1/check-should-build', { client_info: makeClientInfo(), reserve_build: reserveBuild })).json()) as object;
  t.deepEqual(await ask(0), { build: true, reason: 'no build recorded for this tagset; build!' });
  t.deepEqual(await ask(1), { build: true, reason: 'no build recorded for this tagset; build!' });
  t.deepEqual(await ask(1), { build: false, reason: 'may be in build now' });
});
