// PLACEHOLDER until ported from the SQLite module.
import type { RemovalStore } from './removal-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import type { UploadFiles } from './upload-files.ts';

export function createPostgresRemoveQueries(database: PostgresDatabase, files: UploadFiles): RemovalStore {
  void database;
  return {} as RemovalStore;
}
