// PLACEHOLDER until ported from the SQLite module.
import type { LiveBuildStore } from './live-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresLiveQueries(database: PostgresDatabase): LiveBuildStore {
  void database;
  return {} as LiveBuildStore;
}
