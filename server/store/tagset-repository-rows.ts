// How both stores turn a tagset and its newest result's repository fields into a record: each
// reads the fields its own way, and the SQLite and PostgreSQL stores answer alike because they
// share the rest.
import type { TagsetRepositoriesRecord } from './tagset-repository-types.ts';

/** The tagset's own columns, beside which each store reads the repository fields. */
export interface TagsetNameColumns {
  package: string;
  tags: string;
  tagset_key: string;
}

/** client_info's two fields, decoded; undefined when absent. */
export interface RepositoryFields {
  repository: unknown;
  checkouts: unknown;
}

/**
 * The bag's `repository`, then each checkout's, each once and in order. A value of another type
 * (bytes travel as {"$bytes": ...}) is no URL.
 */
export function readTagsetRepositories(row: TagsetNameColumns, fields: RepositoryFields): TagsetRepositoriesRecord {
  const repositories = typeof fields.repository === 'string' ? [fields.repository] : [];
  for (const checkout of Array.isArray(fields.checkouts) ? fields.checkouts as unknown[] : []) {
    const repository = (checkout as { repository?: unknown } | null)?.repository;
    if (typeof repository === 'string' && !repositories.includes(repository)) {
      repositories.push(repository);
    }
  }
  return { package: row.package, tagset: JSON.parse(row.tags) as string[], tagsetKey: row.tagset_key, repositories };
}
