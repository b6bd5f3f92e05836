import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type { BuildEndEvent, RunEvent } from '../../../runner/events.ts';
import { createResultFileWriter } from '../../../runner/result-file/result-file-writer.ts';
import { readResultFile, toResultDocument } from '../../../runner/result-file/result-file.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';
import { makeTempDir } from '../../helpers/temp.ts';

test('the file consumer writes exactly what build:end carried, as <package>-<time>.json', async (t) => {
  const directory = path.join(makeTempDir(t), 'pony-results');
  const writer = createResultFileWriter(directory);
  let end: BuildEndEvent | undefined;
  await runBuild({
    package: 'hello world',
    tags: ['nightly'],
    steps: [build(['node', '-e', 'console.log("hi")'], { name: 'greet' })],
    consumers: [(event: RunEvent) => void (event.type === 'build:end' && (end = event)), writer.consume],
  });
  const [name] = readdirSync(directory);
  t.regex(name!, /^hello_world-\d{8}T\d{6}Z\.json$/);
  t.deepEqual(writer.outcome, { delivered: path.join(directory, name!) });
  t.deepEqual(await readResultFile(path.join(directory, name!)), JSON.parse(JSON.stringify(toResultDocument(end!))));
  t.is(readFileSync(path.join(directory, name!), 'utf8'), `${JSON.stringify(toResultDocument(end!), null, 2)}\n`);
});

test('a file that cannot be written is the consumer\'s outcome, and the run still ends', async (t) => {
  const blocker = path.join(makeTempDir(t), 'not-a-directory');
  writeFileSync(blocker, '');
  const writer = createResultFileWriter(blocker);
  const outcome = await runBuild({ package: 'p', steps: [], consumers: [writer.consume] });
  t.true(outcome.clientInfo.success);
  const written = writer.outcome;
  t.true(written !== undefined && 'failed' in written);
  t.is((written as { failed: Error }).failed.message, `EEXIST: file already exists, mkdir '${blocker}'`);
});

test('a run that skipped its steps writes no file', async (t) => {
  const directory = path.join(makeTempDir(t), 'pony-results');
  const writer = createResultFileWriter(directory);
  await runBuild({ package: 'p', steps: [build(['true'])], checkBeforeSteps: async () => 'already built', consumers: [writer.consume] });
  t.is(writer.outcome, undefined);
  t.throws(() => readdirSync(directory), { code: 'ENOENT' });
});
