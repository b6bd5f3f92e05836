// The links on a running build's page answer: "latest of this tagset" only where the tagset has
// a result that is not running, and a finished step's "see all" serves what the server keeps
// of it while the build still runs. Real server, real database, live builds over the JSON API.
import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { createLiveClient, readLiveResult } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { getPage } from './page-helpers.ts';

const LATEST_LINK = '<a href="/packages/widget/latest?tag=node20&amp;host=builder-1&amp;arch=linux-x86_64">latest of this tagset</a>';
const NO_LATEST = '<span class="muted">latest of this tagset: none has finished yet</span>';

test('the page of a tagset\'s first build says it has no latest while it runs, and links it once a build finished', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const first = await live.beginBuild(makeClientInfo());

  const running = await getPage(url, `results/${first.resultKey}`);
  t.is(running.status, 200);
  t.true(running.html.includes(NO_LATEST), running.html);
  t.false(running.html.includes('/latest?'), 'no link to a latest that answers 404');
  const latest = await getPage(url, 'packages/widget/latest?tag=node20&host=builder-1&arch=linux-x86_64');
  t.is(latest.status, 404, 'what the link would have answered');

  await live.finishBuild(first.updateToken, makeClientInfo());
  const finished = await getPage(url, `results/${first.resultKey}`);
  t.true(finished.html.includes(LATEST_LINK));
  t.false(finished.html.includes(NO_LATEST));

  // A later build of the same tagset, while it runs, links the one that finished.
  const second = await live.beginBuild(makeClientInfo());
  const secondPage = await getPage(url, `results/${second.resultKey}`);
  t.true(secondPage.html.includes(LATEST_LINK));
  const redirect = await getPage(url, 'packages/widget/latest?tag=node20&host=builder-1&arch=linux-x86_64');
  t.is(redirect.status, 302);
  t.is(redirect.headers.get('location'), `/results/${first.resultKey}`);
});

test('a running build\'s finished steps serve their full output as kept within step_output_bytes; its running step says it is running', async (t) => {
  const { url } = await startTestServer(t, { config: parseServerConfig({ limits: { step_output_bytes: 4096 } }) });
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  // 3000 short lines: more than the page shows, and more bytes than the server keeps.
  const longOutput = Array.from({ length: 3000 }, (_, index) => `${index % 10}\n`).join('');
  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: longOutput, errout: 'warning: old cc\n' }));
  await live.appendOutput(begun.updateToken, 1, 'output', 'compiling\n');

  const page = await getPage(url, `results/${begun.resultKey}`);
  t.true(page.html.includes(`<a href="/results/${begun.resultKey}/steps/0/output">see all</a>`), page.html);
  const kept = (await readLiveResult(url, begun.resultKey)).results_list[0];
  t.true(kept.output.includes('bytes of output cut by the pony-build server'), 'the server kept head and tail only');

  const output = await fetch(new URL(`results/${begun.resultKey}/steps/0/output`, url));
  t.is(output.status, 200);
  t.is(output.headers.get('content-type'), 'text/plain; charset=utf-8');
  t.is(output.headers.get('cache-control'), 'no-cache', 'finish_build may still replace the step');
  t.is(await output.text(), kept.output);
  const errout = await fetch(new URL(`results/${begun.resultKey}/steps/0/errout`, url));
  t.is(await errout.text(), 'warning: old cc\n');

  const runningStep = await fetch(new URL(`results/${begun.resultKey}/steps/1/output`, url));
  t.is(runningStep.status, 404);
  t.regex(await runningStep.text(), new RegExp(`Step 2 of result #${begun.resultKey} is still running; the result page shows its output so far\\.`));
  const beyond = await fetch(new URL(`results/${begun.resultKey}/steps/2/output`, url));
  t.is(beyond.status, 404);
  t.regex(await beyond.text(), new RegExp(`Result #${begun.resultKey} has no step with index 2\\.`));

  await live.finishBuild(begun.updateToken, makeClientInfo());
  const finished = await fetch(new URL(`results/${begun.resultKey}/steps/0/output`, url));
  t.is(finished.headers.get('cache-control'), 'private, max-age=3600');
  t.is(await finished.text(), kept.output);
});
