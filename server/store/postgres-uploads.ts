// PLACEHOLDER until ported from the SQLite module.
import type { UploadQueries } from './sqlite-uploads.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import type { UploadFiles } from './upload-files.ts';

export function createPostgresUploadQueries(database: PostgresDatabase, files: UploadFiles): UploadQueries {
  void database;
  return {} as UploadQueries;
}
