import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { CommandReadError, readCommandOutput } from '../../../runner/exec/index.ts';
import { makeTempDir } from '../../helpers/temp.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const node = process.execPath;

test('resolves to stdout without surrounding whitespace, run in the directory and environment given', async (t) => {
  const directory = makeTempDir(t);
  const output = await readCommandOutput([node, '-e', 'console.log(`  ${process.cwd()} ${process.env.PONY_READ} ${process.env.HOME}  `)'], {
    cwd: directory,
    env: { PONY_READ: 'yes', HOME: undefined },
  });
  t.is(output, `${realpathSync(directory)} yes undefined`);
});

test('a command that exits non-zero is named in the error, with the tail of its stderr', async (t) => {
  const error = await t.throwsAsync(readCommandOutput([node, fixture('fail.js'), '3']), { instanceOf: CommandReadError });
  t.is(error?.message, `\`${node} ${fixture('fail.js')} 3\` exited with status 3; its output ends with:\n  failing on purpose`);
  t.deepEqual([error?.command, error?.status, error?.termination], [[node, fixture('fail.js'), '3'], 3, undefined]);
});

test('a command that cannot start is named in the error', async (t) => {
  const directory = makeTempDir(t);
  const error = await t.throwsAsync(readCommandOutput(['pony-build-no-such-command', '--version'], { cwd: directory }), { instanceOf: CommandReadError });
  t.is(error?.message, `\`pony-build-no-such-command --version\` could not start: command not found: pony-build-no-such-command (ENOENT); cwd: ${directory}`);
  t.deepEqual([error?.status, error?.termination], [-1, 'spawn-error']);
});

test('a command that outlives its timeout is killed and named in the error', async (t) => {
  const error = await t.throwsAsync(readCommandOutput([node, fixture('forever.js')], { timeoutMs: 300 }), { instanceOf: CommandReadError });
  t.is(error?.message, `\`${node} ${fixture('forever.js')}\` timed out after 0.3 s; process tree killed`);
  t.is(error?.termination, 'timeout');
});

test('aborting the signal interrupts the command and says so', async (t) => {
  const controller = new AbortController();
  controller.abort();
  const error = await t.throwsAsync(readCommandOutput(['true'], { signal: controller.signal }), { instanceOf: CommandReadError });
  t.is(error?.message, '`true` interrupted before the command started');
  t.is(error?.termination, 'interrupted');
});

test('an answer too long to be read whole is refused instead of being read cut', async (t) => {
  const error = await t.throwsAsync(readCommandOutput([node, fixture('noisy.js'), String(2 * 1024 * 1024)]), { instanceOf: CommandReadError });
  t.is(error?.message, `\`${node} ${fixture('noisy.js')} 2097152\` printed more than 1 MiB on stdout, too much to be read whole`);
});
