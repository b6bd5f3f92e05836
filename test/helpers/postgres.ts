// The PostgreSQL server the tests use: scripts/with-postgres.mjs starts one for `npm test` and
// passes its URL in PONY_BUILD_TEST_POSTGRES. Each test gets a database of its own, dropped when
// it ends. Without a server, PostgreSQL tests are skipped, and say why in their title and on
// stderr, never silently.
import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext, type Implementation } from 'ava';
import pg from 'pg';

export const postgresServerUrl = process.env.PONY_BUILD_TEST_POSTGRES;
const skipReason = process.env.PONY_BUILD_TEST_POSTGRES_SKIPPED
  ?? 'PONY_BUILD_TEST_POSTGRES is not set (npm test starts a server when Debian\'s postgresql is installed)';

let warned = false;

/** Registers a test that needs PostgreSQL: run when a server is there, skipped loudly when not. */
export function postgresTest(title: string, implementation: Implementation<[]>): void {
  if (postgresServerUrl !== undefined) {
    test(title, implementation);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`PostgreSQL tests SKIPPED: ${skipReason}\n`);
  }
  test.skip(`${title} (SKIPPED, no PostgreSQL: ${skipReason})`, implementation);
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test server; its URL. Dropped when the test ends, whoever is still connected. */
export async function createTestDatabase(t: ExecutionContext): Promise<string> {
  if (postgresServerUrl === undefined) {
    throw new Error(`no PostgreSQL server for the tests: ${skipReason}`);
  }
  const name = `pony_build_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  t.teardown(() => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
