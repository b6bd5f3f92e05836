// PLACEHOLDER until ported from the SQLite module.
import type { AdminStore } from './admin-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresAdmins(database: PostgresDatabase): AdminStore {
  void database;
  return {} as AdminStore;
}
