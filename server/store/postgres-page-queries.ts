// PLACEHOLDER until ported from the SQLite module.
import type { PageStore } from './page-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresPageQueries(database: PostgresDatabase): PageStore {
  void database;
  return {} as PageStore;
}
