#!/usr/bin/env node
// The test suite in two passes: every test, on SQLite (and the PostgreSQL store's own tests,
// which run on both stores), then the coordinator tests again on PostgreSQL, through the same
// real servers (test/server/helpers/server.ts reads PONY_BUILD_TEST_STORE). The second pass needs
// the server scripts/with-postgres.mjs starts; without one it is skipped, loudly.
// Extra arguments go to both passes' ava, e.g. --match.
import { spawn } from 'node:child_process';

// The coordinator tests that reach the store only through the server. Those left out look at
// the SQLite file itself (row counts, pragmas, old schema versions), or test the client side.
const POSTGRES_PASS = [
  'test/server/commands/check-should-build.test.ts',
  'test/server/rpc/xmlrpc-methods.test.ts',
  'test/server/api/test-routes.test.ts',
  'test/server/web/pages.test.ts',
  'test/server/queries/merge-result-scans.test.ts',
  'test/server/notify/email-transitions.test.ts',
];

function ava(args, environment) {
  const child = spawn('npx', ['ava', ...args], { stdio: 'inherit', env: environment });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const extra = process.argv.slice(2);
const first = await ava(extra, process.env);
let second = 0;
if (process.env.PONY_BUILD_TEST_POSTGRES) {
  process.stdout.write('\nThe coordinator tests again, on PostgreSQL:\n');
  second = await ava([...POSTGRES_PASS, ...extra], { ...process.env, PONY_BUILD_TEST_STORE: 'postgres' });
} else {
  process.stderr.write(`\n*** The coordinator tests on PostgreSQL were SKIPPED: ${process.env.PONY_BUILD_TEST_POSTGRES_SKIPPED ?? 'no PostgreSQL server'} ***\n`);
}
process.exit(first !== 0 ? first : second);
