// A recipe reporting live to a real server: while a step runs the server shows the steps so
// far and the running step's output; once finished it holds what --no-live would have stored.
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parseServerConfig, startServer, type ServerOptions } from '../../server/index.ts';
import { projectRoot, runTypeScript, startTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const liveRecipe = path.join(projectRoot, 'test/fixtures/recipes/live.ts');

interface ResultJson {
  state: string;
  client_info: Record<string, unknown>;
  results_list: Array<Record<string, unknown>>;
  running_step?: { index: number; output: string; errout: string };
}

/** Resolves with what the child wrote to stderr once it contains every text. */
function waitForStderr(child: ReturnType<typeof startTypeScript>['child'], texts: string[]): Promise<string> {
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (texts.every((text) => stderr.includes(text))) {
        resolve(stderr);
      }
    });
    child.once('close', () => reject(new Error(`the recipe ended without printing ${texts.join(', ')}:\n${stderr}`)));
  });
}

/** The stored bags with what differs from run to run blanked: durations and the submission id. */
function blankRunDetails(result: ResultJson): unknown {
  const text = JSON.stringify([{ ...result.client_info, submission_id: '<id>' }, result.results_list]);
  return JSON.parse(text, (key, value) => (key === 'duration' ? '<duration>' : value));
}

/** A server, and the live recipe reporting to it, once the server holds output of its waiting step. */
async function startLiveRecipeMidway(t: ExecutionContext, serverOptions: ServerOptions = {}) {
  const directory = makeTempDir(t);
  const server = await startServer({ port: 0, db: path.join(directory, 'results.db'), ...serverOptions });
  t.teardown(() => server.close());
  const goFile = path.join(directory, 'go');
  const env = { GO_FILE: goFile, PONY_BUILD_SPOOL: path.join(directory, 'spool') };
  const readResult = async (key: string) => (await (await fetch(new URL(`api/v1/results/${key}`, server.url))).json()) as ResultJson;
  const running = startTypeScript(liveRecipe, ['--report', server.url, '--debug'], { cwd: directory, env });
  const stderr = await waitForStderr(running.child, ['append_output: step 1 output', 'append_output: step 1 errout']);
  const key = /begin_build: result (\d+) is live/.exec(stderr)![1]!;
  return { server, directory, goFile, env, readResult, running, key };
}

test('a live build shows its steps and running output on the server, and ends as --no-live would store it', async (t) => {
  const { server, directory, goFile, env, readResult, running, key } = await startLiveRecipeMidway(t);
  const midway = await readResult(key);
  t.is(midway.state, 'running');
  t.deepEqual(midway.results_list.map((step) => [step.name, step.output]), [['first', 'first step\n']]);
  t.deepEqual(midway.running_step, { index: 1, output: 'half way\n', errout: 'to stderr\n' });
  t.false(existsSync(goFile));

  writeFileSync(goFile, '');
  const live = await running.finished;
  t.is(live.code, 0, live.stdout + live.stderr);
  t.regex(live.stdout, new RegExp(`Result reported: ${server.url}results/${key}\n`));
  const finished = await readResult(key);
  t.is(finished.state, 'finished');
  t.is(finished.running_step, undefined);
  t.is(finished.results_list[1].output, 'half way\nall the way\n');

  const whole = await runTypeScript(liveRecipe, ['--report', server.url, '--no-live', '--force-build'], { cwd: directory, env });
  t.is(whole.code, 0, whole.stdout + whole.stderr);
  const wholeKey = /Result reported: \S+\/results\/(\d+)\n/.exec(whole.stdout)![1];
  t.deepEqual(blankRunDetails(finished), blankRunDetails(await readResult(wholeKey)));
});

test('a client killed mid-build leaves its build running until the allowance passes, then abandoned with the output it sent', async (t) => {
  let now = 1_700_000_000;
  const { server, goFile, readResult, running, key } = await startLiveRecipeMidway(t, {
    now: () => now,
    config: parseServerConfig({ live: { abandon_after: '10m' } }),
  });
  running.child.kill('SIGKILL');
  await once(running.child, 'exit');
  // The killed client's step runs on in its own process group, waiting for the file.
  writeFileSync(goFile, '');
  t.teardown(() => killProcessesWithEnvironment(`GO_FILE=${goFile}`));

  now += 599;
  t.is((await readResult(key)).state, 'running');
  now += 1;
  const abandoned = await readResult(key);
  t.is(abandoned.state, 'abandoned');
  t.deepEqual(abandoned.results_list.map((step) => [step.name, step.output]), [['first', 'first step\n']]);
  t.deepEqual(abandoned.running_step, { index: 1, output: 'half way\n', errout: 'to stderr\n' });
  // It is now the tagset's latest, and a failure.
  const dashboard = await (await fetch(new URL('api/v1/dashboard', server.url))).json() as any;
  t.like(dashboard.tagsets[0], { package: 'fixture-live', latest: { result_key: Number(key), status: 'failed' } });
});

// The step a killed client left behind ends by itself once the go file exists; whatever has not
// yet noticed is ended here, by pid, before the temp directory goes.
function killProcessesWithEnvironment(variable: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let environment: string[];
    try {
      environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (environment.includes(variable)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // It ended meanwhile.
      }
    }
  }
}
