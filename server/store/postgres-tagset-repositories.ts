// The PostgreSQL side of TagsetRepositoryStore: one pass over the tagsets table, reading from each
// newest result's client_info only the repository fields, whole bags only where PostgreSQL cannot.
import type { PostgresDatabase } from './postgres-database.ts';
import { readTagsetRepositories, type RepositoryFields, type TagsetNameColumns } from './tagset-repository-rows.ts';
import type { TagsetRepositoriesRecord, TagsetRepositoryStore } from './tagset-repository-types.ts';

interface RepositoryRow extends TagsetNameColumns {
  /** Each as JSON text, for JavaScript to decode; null when absent or of another type. */
  repository: string | null;
  checkouts: string | null;
  /** The whole bag, only when it holds a \u0000 escape (see below). */
  client_info: string | null;
}

// client_info is JSON text. PostgreSQL's json functions unescape every string they pass over and
// refuse a \u0000 (which a stored string may hold) anywhere in the bag, so a bag with one comes
// back whole for JavaScript to read; the others give just the two fields, as JSON text (decoding
// in PostgreSQL would meet the same refusal). CASE, unlike AND, tries its branches in order, so
// such a bag never reaches the json functions. The test for \u0000 may also catch an escaped
// backslash before "u0000": that bag is only read the slow way, with the same answer. The
// json_typeof guards: a stored value of another type (bytes travel as {"$bytes": ...}) is no URL.
const LIST_REPOSITORIES = `
  SELECT t.package, t.tags, t.tagset_key,
    CASE WHEN r.has_nul THEN NULL
      WHEN json_typeof(r.info -> 'repository') = 'string' THEN (r.info -> 'repository')::text END AS repository,
    CASE WHEN r.has_nul THEN NULL
      WHEN json_typeof(r.info -> 'checkouts') = 'array' THEN (r.info -> 'checkouts')::text END AS checkouts,
    CASE WHEN r.has_nul THEN r.client_info END AS client_info
  FROM tagsets t
  JOIN LATERAL (
    SELECT client_info, client_info::json AS info, strpos(client_info, $1) > 0 AS has_nul
    FROM results WHERE id = t.latest_result_id) r ON true
  ORDER BY t.package, t.tagset_key`;

// The six characters of JSON's escape for the NUL character.
const NUL_ESCAPE = '\\u0000';

export function createPostgresTagsetRepositories(database: PostgresDatabase): TagsetRepositoryStore {
  return {
    async listTagsetRepositories() {
      return (await database.rows<RepositoryRow>(LIST_REPOSITORIES, [NUL_ESCAPE])).map(readRepositoryRow);
    },
  };
}

function readRepositoryFields(row: RepositoryRow): RepositoryFields {
  if (row.client_info !== null) {
    const bag = JSON.parse(row.client_info) as { repository?: unknown; checkouts?: unknown };
    return { repository: bag.repository, checkouts: bag.checkouts };
  }
  return {
    repository: row.repository === null ? undefined : JSON.parse(row.repository),
    checkouts: row.checkouts === null ? undefined : JSON.parse(row.checkouts),
  };
}

function readRepositoryRow(row: RepositoryRow): TagsetRepositoriesRecord {
  return readTagsetRepositories(row, readRepositoryFields(row));
}
