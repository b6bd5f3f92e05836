// `pony-build serve --private` and PONY_BUILD_PRIVATE, run as an operator runs them.
import path from 'node:path';
import test from 'ava';
import { projectRoot, startTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

for (const [how, args, env] of [
  ['--private', ['--private'], {}],
  ['PONY_BUILD_PRIVATE=1', [], { PONY_BUILD_PRIVATE: '1' }],
] as const) {
  test(`serve with ${how} sends pages to sign in and refuses JSON reads, but answers /healthz`, async (t) => {
    const running = startTypeScript(cli, ['serve', '--port', '0', '--db', path.join(makeTempDir(t), 'ci.db'), ...args], { env });
    t.teardown(() => running.child.kill('SIGKILL'));
    await running.waitForOutput('listening on');
    const url = /listening on (http:\/\/\S+\/) /.exec(running.stdoutSoFar())![1]!;
    const page = await fetch(new URL('', url), { redirect: 'manual' });
    t.deepEqual([page.status, page.headers.get('location')], [302, '/login?next=%2F']);
    t.is((await fetch(new URL('api/v1/dashboard', url))).status, 401);
    t.is((await fetch(new URL('healthz', url))).status, 200);
    t.is((await fetch(new URL('login', url))).status, 200);
  });
}
