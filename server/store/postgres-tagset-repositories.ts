// PLACEHOLDER until ported from the SQLite module.
import type { TagsetRepositoryStore } from './tagset-repository-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresTagsetRepositories(database: PostgresDatabase): TagsetRepositoryStore {
  void database;
  return {} as TagsetRepositoryStore;
}
