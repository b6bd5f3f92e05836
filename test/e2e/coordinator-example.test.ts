// The README's "write your own UI" example runs against a real database.
import path from 'node:path';
import test from 'ava';
import { createCoordinator, openSqliteStore } from '../../server/index.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

test('examples/list-failing.ts lists exactly the failing tagsets', async (t) => {
  const file = path.join(makeTempDir(t), 'results.db');
  const coordinator = createCoordinator(openSqliteStore(file));
  const report = (host: string, success: boolean, tags: string[]) =>
    coordinator.addResults({ package: 'hello', host, arch: 'linux-x86_64', success, tags }, [], { clientIp: '127.0.0.1' });
  await report('builder1', true, ['py3']);
  await report('builder2', false, ['py3', 'debug']);
  await coordinator.close();
  const run = await runTypeScript(path.join(projectRoot, 'examples/list-failing.ts'), [file]);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'hello on builder2 [debug, py3]: failed, result 2\n', "tags come in the tagset's sorted order");
});
