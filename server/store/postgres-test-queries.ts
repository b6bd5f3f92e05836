// PLACEHOLDER until ported from the SQLite module.
import type { Store } from './types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresTestQueries(database: PostgresDatabase): Pick<Store, 'listTestCases' | 'listRecentResults' | 'listTestOutcomes' | 'listTestHistory'> {
  void database;
  return {} as Pick<Store, 'listTestCases' | 'listRecentResults' | 'listTestOutcomes' | 'listTestHistory'>;
}
