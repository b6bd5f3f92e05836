// PLACEHOLDER until ported from the SQLite module.
import type { ClientTokenStore } from './client-token-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresClientTokens(database: PostgresDatabase): ClientTokenStore {
  void database;
  return {} as ClientTokenStore;
}
