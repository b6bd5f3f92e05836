import test from 'ava';
import { runCommand, type RunCommandOptions } from '../../../runner/exec/index.ts';

async function getMessage(options: unknown): Promise<string | undefined> {
  try {
    await runCommand(options as RunCommandOptions);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

const cases: Array<[string, unknown, string]> = [
  ['a negative timeout', { command: ['true'], timeoutMs: -1 }, 'Expected the `timeoutMs` option to be a positive number, got `-1` (number)'],
  ['an infinite timeout', { command: ['true'], timeoutMs: Infinity }, 'Expected the `timeoutMs` option to be a positive number, got `Infinity` (number)'],
  ['a timeout as a string', { command: ['true'], timeoutMs: '10' }, 'Expected the `timeoutMs` option to be a positive number, got `10` (string)'],
  ['a timeout too long for a timer', { command: ['true'], timeoutMs: 2 ** 31 }, 'Expected the `timeoutMs` option to be at most 2147483647 (about 24.8 days), got `2147483648` (number)'],
  ['a negative grace', { command: ['true'], killGraceMs: -5 }, 'Expected the `killGraceMs` option to be a non-negative number, got `-5` (number)'],
  ['a fractional capture', { command: ['true'], captureBytes: 1.5 }, 'Expected the `captureBytes` option to be a non-negative integer, got `1.5` (number)'],
  ['an empty command', { command: [] }, 'Expected the `command` option to be a non-empty array of strings, got `[]` (array)'],
  ['a non-string argument', { command: ['echo', 3] }, 'Expected the `command` option to be a non-empty array of strings, got `["echo",3]` (array)'],
  ['a blank shell command', { command: '  ', shell: true }, 'Expected the `command` option to be a non-empty string, got `  ` (string)'],
  ['a shell flag as a string', { command: ['true'], shell: 'yes' }, 'Expected the `shell` option to be a boolean, got `yes` (string)'],
  ['a non-string env value', { command: ['true'], env: { PORT: 8080 } }, 'Expected the `env` option\'s `PORT` to be a string or undefined, got `8080` (number)'],
  ['a signal that is not one', { command: ['true'], signal: 'SIGINT' }, 'Expected the `signal` option to be an AbortSignal, got `SIGINT` (string)'],
  ['an onOutput that is not a function', { command: ['true'], onOutput: true }, 'Expected the `onOutput` option to be a function, got `true` (boolean)'],
  ['an empty cwd', { command: ['true'], cwd: '' }, 'Expected the `cwd` option to be a non-empty string, got `` (string)'],
  ['an unknown option', { command: ['true'], timeout: 5 }, 'Unknown option passed to runCommand: `timeout`'],
];

for (const [title, options, message] of cases) {
  test(`rejects ${title}`, async (t) => {
    t.is(await getMessage(options), message);
  });
}

test('lists every problem at once', async (t) => {
  t.is(
    await getMessage({ command: 'ls', timeoutMs: 0, verbose: true }),
    'Invalid options passed to runCommand:\n'
      + '- Unknown option passed to runCommand: `verbose`\n'
      + '- Expected the `command` option to be an array of strings unless the `shell` option is true, got `ls` (string)\n'
      + '- Expected the `timeoutMs` option to be a positive number, got `0` (number)',
  );
});
