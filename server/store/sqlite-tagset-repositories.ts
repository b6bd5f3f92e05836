// The SQLite side of TagsetRepositoryStore: one pass over the tagsets table, reading from each
// newest result's client_info only the repository fields (json_extract), never whole bags.
import type Database from 'better-sqlite3';
import { readTagsetRepositories, type TagsetNameColumns } from './tagset-repository-rows.ts';
import type { TagsetRepositoriesRecord, TagsetRepositoryStore } from './tagset-repository-types.ts';

interface RepositoryRow extends TagsetNameColumns {
  /** The bag's `repository` when it is a string, else null. */
  repository: string | null;
  /** The bag's `checkouts` as JSON text when it is an array, else null. */
  checkouts: string | null;
}

export function createSqliteTagsetRepositories(database: Database.Database): TagsetRepositoryStore {
  // json_type guards: a stored value of another type (bytes travel as {"$bytes": ...}) is no URL.
  const listRepositories = database.prepare(`
    SELECT t.package, t.tags, t.tagset_key,
      CASE WHEN json_type(r.client_info, '$.repository') = 'text'
        THEN json_extract(r.client_info, '$.repository') END AS repository,
      CASE WHEN json_type(r.client_info, '$.checkouts') = 'array'
        THEN json_extract(r.client_info, '$.checkouts') END AS checkouts
    FROM tagsets t JOIN results r ON r.id = t.latest_result_id
    ORDER BY t.package, t.tagset_key`);
  return {
    async listTagsetRepositories() {
      return (listRepositories.all() as RepositoryRow[]).map(readRepositoryRow);
    },
  };
}

function readRepositoryRow(row: RepositoryRow): TagsetRepositoriesRecord {
  return readTagsetRepositories(row, {
    repository: row.repository,
    checkouts: row.checkouts === null ? undefined : JSON.parse(row.checkouts),
  });
}
