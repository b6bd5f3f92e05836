// The SQLite side of TagsetRepositoryStore: one pass over the tagsets table, reading from each
// newest result's client_info only the repository fields (json_extract), never whole bags.
import type Database from 'better-sqlite3';
import type { TagsetRepositoriesRecord, TagsetRepositoryStore } from './tagset-repository-types.ts';

interface RepositoryRow {
  package: string;
  tags: string;
  tagset_key: string;
  repository: string | null;
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
  const repositories = row.repository === null ? [] : [row.repository];
  for (const checkout of row.checkouts === null ? [] : (JSON.parse(row.checkouts) as unknown[])) {
    const repository = (checkout as { repository?: unknown } | null)?.repository;
    if (typeof repository === 'string' && !repositories.includes(repository)) {
      repositories.push(repository);
    }
  }
  return { package: row.package, tagset: JSON.parse(row.tags) as string[], tagsetKey: row.tagset_key, repositories };
}
