#!/usr/bin/env node
// Runs a command (the test runner) with a throwaway PostgreSQL server beside it, so that the
// tests of the PostgreSQL store run against the real thing on any machine with Debian's
// `postgresql` installed: a cluster in a temp dir, on a free port of 127.0.0.1, owned by an
// ordinary user (PostgreSQL refuses to run as root; as root it runs as `postgres`), stopped and
// removed when the command ends. Its URL reaches the tests as PONY_BUILD_TEST_POSTGRES.
//
// An existing server can be named instead: PONY_BUILD_TEST_POSTGRES=postgres://... npm test.
// With neither, the PostgreSQL tests are skipped, and this says so loudly, here and in each test.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write('usage: with-postgres.mjs COMMAND [ARG...]\n');
  process.exit(2);
}

function findBinDirectory() {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [];
  if (fromConfig.status === 0) {
    candidates.push(fromConfig.stdout.trim());
  }
  // Debian keeps initdb out of PATH, under the major version.
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')));
  }
  return candidates.find((directory) => existsSync(path.join(directory, 'initdb')));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the cluster's owner. */
function runAsOwner(owner, file, toolArgs) {
  const argv = owner === undefined ? [file, ...toolArgs] : ['runuser', '-u', owner, '--', file, ...toolArgs];
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
}

function run(environment) {
  const child = spawn(command, args, { stdio: 'inherit', env: environment });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function skipWith(reason) {
  const banner = `\n*** PostgreSQL tests will be SKIPPED: ${reason} ***\n*** Install Debian's postgresql (npm test does so as root), or set PONY_BUILD_TEST_POSTGRES=postgres://... ***\n\n`;
  process.stderr.write(banner);
  return { ...process.env, PONY_BUILD_TEST_POSTGRES_SKIPPED: reason };
}

async function startCluster() {
  const bin = findBinDirectory();
  if (bin === undefined) {
    return { environment: skipWith('no initdb was found (pg_config --bindir, /usr/lib/postgresql/*/bin)') };
  }
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? 'postgres' : undefined;
  if (isRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return { environment: skipWith('running as root, and there is no `postgres` user to run PostgreSQL as') };
  }
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-build-test-postgres-'));
  const data = path.join(directory, 'data');
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    chownSync(directory, uid, gid);
  }
  const cleanUp = () => rmSync(directory, { recursive: true, force: true });
  const initdb = runAsOwner(owner, path.join(bin, 'initdb'), ['-D', data, '-U', 'ponybuild', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (initdb.status !== 0) {
    cleanUp();
    return { environment: skipWith(`initdb failed: ${(initdb.stderr || initdb.stdout).trim().split('\n').at(-1)}`) };
  }
  const port = await freePort();
  // A test server: durability settings off (nothing here outlives the run), enough connections
  // for every test file's pools at once, and its socket kept in its own directory.
  const options = [
    `-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${directory}`,
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=400',
  ].join(' ');
  const logFile = path.join(directory, 'server.log');
  const started = runAsOwner(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '120', 'start']);
  if (started.status !== 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' / ') : started.stderr.trim();
    cleanUp();
    return { environment: skipWith(`the test cluster did not start: ${log}`) };
  }
  const url = `postgres://ponybuild@127.0.0.1:${port}/postgres`;
  process.stdout.write(`PostgreSQL for the tests: ${url} (${data})\n`);
  return {
    environment: { ...process.env, PONY_BUILD_TEST_POSTGRES: url },
    stop() {
      runAsOwner(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      cleanUp();
    },
  };
}

const cluster = process.env.PONY_BUILD_TEST_POSTGRES ? { environment: process.env } : await startCluster();
let code;
try {
  code = await run(cluster.environment);
} finally {
  cluster.stop?.();
}
process.exit(code);
