#!/usr/bin/env node
// Runs before the test suite: the tests use real tools (git, svn, hg, Python's venv and
// pytest, Chromium, PostgreSQL), so a fresh machine gets them installed here, through apt-get as root
// or through sudo, or is told in one message what is missing and the command that installs
// it, before anything runs. Not Debian and not root: only the message.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Each tool the tests need, how to tell it is there, and the Debian package that brings it. */
const tools = [
  { name: 'git', package: 'git', present: () => runs('git', ['--version']) },
  { name: 'python3', package: 'python3', present: () => runs('python3', ['--version']) },
  { name: 'svn and svnadmin', package: 'subversion', present: () => runs('svn', ['--version', '--quiet']) && runs('svnadmin', ['--version', '--quiet']) },
  { name: 'hg', package: 'mercurial', present: () => runs('hg', ['--version', '--quiet']) },
  { name: "python3's venv", package: 'python3-venv', present: () => runs('python3', ['-c', 'import ensurepip, venv']) },
  { name: 'pytest', package: 'python3-pytest', present: () => runs('python3', ['-m', 'pytest', '--version']) || runs('/usr/bin/python3', ['-m', 'pytest', '--version']) },
  { name: 'chromium', package: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  // The PostgreSQL store's tests start their own server from these binaries (scripts/with-postgres.mjs).
  { name: "PostgreSQL's initdb", package: 'postgresql', present: () => process.env.PONY_BUILD_TEST_POSTGRES !== undefined || hasInitdb() },
];

function hasInitdb() {
  const root = '/usr/lib/postgresql';
  return (existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`))) || runs('pg_config', ['--bindir']);
}

function runs(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

function findInstaller() {
  if (!runs('apt-get', ['--version'])) {
    return undefined;
  }
  if (process.getuid?.() === 0) {
    return [];
  }
  // `sudo -n` never prompts: a machine where sudo wants a password gets the message instead.
  return runs('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
}

const missing = tools.filter((tool) => !tool.present());
if (missing.length === 0) {
  process.exit(0);
}
const packages = [...new Set(missing.map((tool) => tool.package))];
const installCommand = `apt-get update && apt-get install -y ${packages.join(' ')}`;
const installer = findInstaller();
if (installer === undefined) {
  process.stderr.write(
    `The tests need ${missing.map((tool) => tool.name).join(', ')}, which this machine lacks.\n` +
      `On Debian or Ubuntu, install them as root with:\n  ${installCommand}\nthen run npm test again.\n`,
  );
  process.exit(1);
}
process.stdout.write(`Installing what the tests need: ${packages.join(' ')}\n`);
try {
  const prefix = installer.join(' ');
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', `${prefix} apt-get update -qq && ${prefix} apt-get install -y -qq ${packages.join(' ')}`], { stdio: 'inherit', env: environment });
} catch {
  process.stderr.write(`Installing failed; install them by hand with:\n  ${installCommand}\n`);
  process.exit(1);
}
const stillMissing = tools.filter((tool) => !tool.present());
if (stillMissing.length > 0) {
  process.stderr.write(`Still missing after the install: ${stillMissing.map((tool) => tool.name).join(', ')}\n`);
  process.exit(1);
}
