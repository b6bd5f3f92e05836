#!/usr/bin/env node
// The test suite in two passes: every test, on SQLite (and the PostgreSQL store's own tests,
// which run on both stores), then the coordinator tests again on PostgreSQL, through the same
// real servers (test/server/helpers/server.ts reads PONY_BUILD_TEST_STORE). The second pass needs
// the server scripts/with-postgres.mjs starts; without one it is skipped, loudly.
// Extra arguments go to both passes' ava, e.g. --match.
import { spawn } from 'node:child_process';

// The coordinator tests, again on PostgreSQL: every database they use comes from
// test/server/helpers/server.ts (servers, stores, row counts), which picks PostgreSQL in this pass.
// Left out:
// - tests that never open a store (config, rules, client-input decoding, address groups, request
//   budgets, merging result scans, outcome comparison, ANSI and long output): the same either way;
// - auth/client-tokens, notify/delivery-queue, test/server/store/ and multi-instance: they run on
//   each store (or on PostgreSQL only) in the first pass already;
// - http/limit-requests: it tests one process's token bucket; on PostgreSQL every instance counts
//   requests in shared fixed minute windows instead (docs/PROTOCOL.md), which multi-instance tests.
// start-server's `:memory:` and option tests are SQLite's own; they run as they are in both passes.
const POSTGRES_PASS = [
  'test/server/admin/admin-browser.test.ts',
  'test/server/admin/admin-web.test.ts',
  'test/server/admin/private-site.test.ts',
  'test/server/answer-errors.test.ts',
  'test/server/api/expected-route.test.ts',
  'test/server/api/json-api.test.ts',
  'test/server/api/json-body-checks.test.ts',
  'test/server/api/json-number-values.test.ts',
  'test/server/api/live-builds.test.ts',
  'test/server/api/step-limits.test.ts',
  'test/server/api/test-routes.test.ts',
  'test/server/auth/auth-modes.test.ts',
  'test/server/client-input/field-types.test.ts',
  'test/server/client-input/identity-bounds.test.ts',
  'test/server/commands/abandon-stale-builds.test.ts',
  'test/server/commands/check-should-build.test.ts',
  'test/server/commands/prune-results.test.ts',
  'test/server/feeds/feeds-page-browser.test.ts',
  'test/server/feeds/feeds.test.ts',
  'test/server/feeds/legacy-redirects.test.ts',
  'test/server/feeds/running-package-feeds.test.ts',
  'test/server/feeds/websub.test.ts',
  'test/server/hooks/push-hook.test.ts',
  'test/server/http/base-path.test.ts',
  'test/server/http/health.test.ts',
  'test/server/http/internal-errors.test.ts',
  'test/server/http/log-requests.test.ts',
  'test/server/http/oversized-body.test.ts',
  'test/server/http/read-query.test.ts',
  'test/server/http/trust-proxy.test.ts',
  'test/server/notify/commit-statuses.test.ts',
  'test/server/notify/email-transitions.test.ts',
  'test/server/notify/fan-out-restart.test.ts',
  'test/server/notify/webhooks.test.ts',
  'test/server/queries/expected-builders.test.ts',
  'test/server/queries/result-tests.test.ts',
  'test/server/retention/schedule-pruning.test.ts',
  'test/server/rpc/python-client.test.ts',
  'test/server/rpc/python-doubles.test.ts',
  'test/server/rpc/xmlrpc-faults.test.ts',
  'test/server/rpc/xmlrpc-methods.test.ts',
  'test/server/start-server.test.ts',
  'test/server/upload/artifact-limits.test.ts',
  'test/server/upload/upload.test.ts',
  'test/server/web/base-path-site.test.ts',
  'test/server/web/browser.test.ts',
  'test/server/web/dashboard-page.test.ts',
  'test/server/web/file-download-browser.test.ts',
  'test/server/web/live-result-browser.test.ts',
  'test/server/web/live-result-stream.test.ts',
  'test/server/web/package-page.test.ts',
  'test/server/web/page-json.test.ts',
  'test/server/web/pages.test.ts',
  'test/server/web/result-navigation.test.ts',
  'test/server/web/result-page-browser.test.ts',
  'test/server/web/result-page.test.ts',
  'test/server/web/running-build-links.test.ts',
  'test/server/web/test-pages.test.ts',
  'test/server/web/whole-double-pages.test.ts',
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
