import { PassThrough } from 'node:stream';
import test from 'ava';
import { shouldUseColor } from '../../../runner/console/colors.ts';
import { createConsoleReporter } from '../../../runner/console/console-reporter.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';

test('colours only on a terminal, unless NO_COLOR or FORCE_COLOR say otherwise', (t) => {
  t.true(shouldUseColor({ isTTY: true }, {}));
  t.false(shouldUseColor({ isTTY: false }, {}));
  t.false(shouldUseColor({}, {}));
  t.false(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }));
  t.true(shouldUseColor({ isTTY: true }, { NO_COLOR: '' }), 'an empty NO_COLOR does not count');
  t.false(shouldUseColor({ isTTY: true }, { TERM: 'dumb' }));
  t.true(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' }));
  t.false(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '0' }));
});

test('on a colour terminal the status words are coloured; the step output is passed through untouched', async (t) => {
  const terminal = new PassThrough();
  let shown = '';
  terminal.on('data', (chunk) => (shown += String(chunk)));
  await runBuild({
    package: 'p',
    steps: [build(['sh', '-c', 'printf "plain\\n"'], { name: 'ok' }), build(['sh', '-c', 'exit 1'], { name: 'bad' })],
    consumers: [createConsoleReporter({ stdout: terminal, stderr: terminal, color: true })],
  });
  t.true(shown.includes('\u001B[32mPASS\u001B[39m ok'));
  t.true(shown.includes('\u001B[31mFAIL\u001B[39m bad'));
  t.true(shown.includes('\nplain\n'));
});
