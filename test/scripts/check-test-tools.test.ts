// The README's test command on a machine that lacks a tool and cannot install it: one
// message names every missing tool and the command that installs them, and nothing runs.
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { projectRoot } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

function findOnPath(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found === '') {
    throw new Error(`${name} is not on PATH`);
  }
  return found;
}

test('a machine without hg and no way to install is told what to install, in one message', (t) => {
  const bin = makeTempDir(t);
  // Every tool but hg, and no apt-get: what a fresh non-Debian machine looks like to the check.
  for (const tool of ['sh', 'git', 'svn', 'svnadmin']) {
    symlinkSync(findOnPath(tool), path.join(bin, tool));
  }
  // Debian's own python3 (with venv and pytest): a version manager's shim needs its own PATH.
  symlinkSync('/usr/bin/python3', path.join(bin, 'python3'));
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/check-test-tools.mjs')], {
    encoding: 'utf8',
    env: { PATH: bin },
  });
  t.is(result.status, 1, result.stderr);
  t.regex(result.stderr, /^The tests need hg, which this machine lacks\./);
  t.regex(result.stderr, /apt-get update && apt-get install -y mercurial\n/);
  t.notRegex(result.stderr, /subversion|git /);
});

test('on this machine every tool is there and the check passes silently', (t) => {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/check-test-tools.mjs')], { encoding: 'utf8' });
  t.is(result.status, 0, result.stderr);
  t.is(result.stdout + result.stderr, '');
});
