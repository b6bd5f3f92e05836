// One reader of query parameters: the same rules and the same words on pages, the JSON API
// and uploads.
import test from 'ava';
import {
  QueryParameterError,
  readChoiceQuery,
  readOptionalQuery,
  readPositiveIntegerQuery,
  readRepeatedQuery,
  readRequiredQuery,
} from '../../../server/http/read-query.ts';
import { startTestServer } from '../helpers/server.ts';
import { addResult } from '../web/page-helpers.ts';

test('a blank parameter counts as absent, a repeated one is refused naming it', (t) => {
  t.is(readOptionalQuery({ host: '' }, 'host'), undefined);
  t.is(readOptionalQuery({ host: 'h' }, 'host'), 'h');
  const error = t.throws(() => readOptionalQuery({ host: ['a', 'b'] }, 'host'), { instanceOf: QueryParameterError });
  t.is(error.message, 'the `host` query parameter may be given once, got 2 values');
  t.is(error.parameter, 'host');
  t.is(error.status, 400);
  t.is(error.kind, 'invalid');
  t.deepEqual(readRepeatedQuery({ tag: ['a', '', 'b'] }, 'tag'), ['a', 'b']);
  t.deepEqual(readRepeatedQuery({}, 'tag'), []);
});

test('required, integer and choice parameters say what they expected and quote what came', (t) => {
  t.throws(() => readRequiredQuery({ name: '' }, 'name', 'the test\'s name'), { message: 'the `name` query parameter is required: the test\'s name' });
  t.is(readRequiredQuery({ description: '' }, 'description', 'a text', { mayBeEmpty: true }), '');
  t.is(readPositiveIntegerQuery({ limit: '20' }, 'limit'), 20);
  t.is(readPositiveIntegerQuery({}, 'limit'), undefined);
  t.throws(() => readPositiveIntegerQuery({ limit: '0' }, 'limit'), { message: 'the `limit` query parameter must be a positive integer, got "0"' });
  t.is(readChoiceQuery({ sort: 'age' }, 'sort', ['status', 'age']), 'age');
  t.throws(() => readChoiceQuery({ sort: 'colour' }, 'sort', ['status', 'age']), {
    message: 'the `sort` query parameter must be one of status, age, got "colour"',
  });
});

test('a page, the JSON API and an upload answer a repeated parameter with the same message', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url);
  const expected = 'the `status` query parameter may be given once, got 2 values';
  const page = await fetch(new URL('packages/widget?status=passed&status=failed', url), { headers: { Accept: 'text/html' } });
  t.is(page.status, 400);
  t.true((await page.text()).includes(expected));
  const api = await fetch(new URL('api/v1/packages/widget/results?status=passed&status=failed', url));
  t.is(api.status, 400);
  t.deepEqual(await api.json(), { error: expected });
  const upload = await fetch(new URL('upload?description=d&filename=f&auth_key=k&visible=yes&visible=no', url), { method: 'POST', body: 'x' });
  t.is(upload.status, 400);
  t.is(await upload.text(), 'the `visible` query parameter may be given once, got 2 values\n');
});
