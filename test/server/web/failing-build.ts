// A failed build as a real recipe reports one: a checkout, a long coloured install, an allowed
// lint failure, then a test step with failing tests whose output carries colours, an OSC-8
// link and a line of markup. Sent as JSON, which carries escape characters as they are.
import { postJson } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';

export const REVISION = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
export const REPOSITORY = 'https://example.org/widget.git';
export const HOSTILE_LINE = '<script>alert("pwned")</script><img src=x onerror="alert(2)">';
export const LINK_TEXT = 'see the docs';

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

function makeInstallOutput(): string {
  return Array.from({ length: 300 }, (_, index) => `${GREEN}added${RESET} package-${index + 1}@1.0.${index}\n`).join('');
}

function makeTestOutput(): string {
  const lines = Array.from({ length: 60 }, (_, index) => `${GREEN}✔${RESET} passes case ${index + 1}`);
  lines.splice(30, 0,
    `${RED}${BOLD}✘ adds two numbers${RESET}`,
    `\u001b]8;;https://example.org/docs/adds\u001b\\${LINK_TEXT}\u001b]8;;\u001b\\ for why`,
    '\u001b]0;window title\u0007progress 10%\rprogress 100%\u001b[K',
    HOSTILE_LINE);
  return `${lines.join('\n')}\n`;
}

export const FAILING_TESTS = ['adds two numbers', 'subtracts', 'divides by zero'];

export async function addFailingBuild(url: string): Promise<number> {
  const clientInfo = makeClientInfo({
    success: false,
    tags: ['node20', 'nightly'],
    duration: 183.2,
    vcs: 'git',
    repository: REPOSITORY,
    ref: 'main',
    revision: REVISION,
    checkouts: [{ vcs: 'git', repository: REPOSITORY, revision: REVISION, ref: 'main', directory: 'widget' }],
  });
  const steps = [
    makeStep({ name: 'git checkout main @ 1a2b3c4', type: 'setup', command: ['git', 'clone', '--branch', 'main', '--', REPOSITORY, '/tmp/x'],
      output: '', errout: "Cloning into 'widget'...\n", duration: 1.25, version_type: 'git', version_info: `${REVISION} Add division` }),
    makeStep({ name: 'npm ci', type: 'setup', command: ['npm', 'ci'], output: makeInstallOutput(), errout: '', duration: 45.3 }),
    makeStep({ name: 'lint', type: 'test', command: ['npm', 'run', 'lint'], status: 1, allowed_to_fail: true,
      output: `${RED}warning${RESET} unused variable x\n`, errout: '', duration: 3.1 }),
    makeTestStep([
      makeTestCase({ name: 'adds two numbers', status: 'failed', message: 'expected 3, got 4\n    at adds (test/math.test.js:3:9)' }),
      makeTestCase({ name: 'subtracts', status: 'failed', message: 'expected 1, got -1' }),
      makeTestCase({ name: 'divides by zero', status: 'error', message: 'RangeError: division by zero' }),
      makeTestCase({ name: 'multiplies' }),
      makeTestCase({ name: 'negates' }),
    ], { name: 'npm test', output: makeTestOutput(), errout: '', duration: 62.5 }),
  ];
  const response = await postJson(url, 'api/v1/results', { client_info: clientInfo, results_list: steps });
  const answer = (await response.json()) as { result_key: number };
  return answer.result_key;
}
