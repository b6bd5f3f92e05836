// The PostgreSQL server the benchmarks use: `npm run bench` runs under scripts/with-postgres.mjs,
// which starts a throwaway one and names it in PONY_BUILD_TEST_POSTGRES (or passes on one given
// there). A benchmark makes a database of its own on it and drops it when done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_SERVER_VARIABLE = 'PONY_BUILD_TEST_POSTGRES';

export interface BenchDatabase {
  url: string;
  /** Drops the database, ending whoever is still connected to it. */
  drop(): Promise<void>;
}

/** Why there is no PostgreSQL server to measure, or undefined when there is one. */
export function explainMissingPostgres(env: NodeJS.ProcessEnv): string | undefined {
  if (env[POSTGRES_SERVER_VARIABLE]) {
    return undefined;
  }
  return env.PONY_BUILD_TEST_POSTGRES_SKIPPED
    ?? `${POSTGRES_SERVER_VARIABLE} is not set (run under scripts/with-postgres.mjs, as \`npm run bench\` does, or name a server there)`;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database named `<prefix>_<random>` on the server at `serverUrl`. */
export async function createBenchDatabase(serverUrl: string, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
