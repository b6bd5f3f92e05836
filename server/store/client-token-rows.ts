// The client_tokens row as both stores read it, and how it becomes a record: the SQLite and
// PostgreSQL stores answer alike because they share these.
import type { ClientTokenRecord, StoredClientToken } from './client-token-types.ts';

export interface ClientTokenRow {
  name: string;
  secret_hash: string;
  /** JSON arrays, as the token's scope was given. */
  packages: string;
  hosts: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const CLIENT_TOKEN_COLUMNS = 'name, secret_hash, packages, hosts, created_at, last_used_at, revoked_at';

export function readClientTokenRow(row: ClientTokenRow): StoredClientToken {
  return {
    name: row.name,
    secretHash: row.secret_hash,
    packages: JSON.parse(row.packages) as string[],
    hosts: JSON.parse(row.hosts) as string[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** The token as it is listed: without its hash. */
export function readListedClientTokenRow(row: ClientTokenRow): ClientTokenRecord {
  const { secretHash: _secretHash, ...record } = readClientTokenRow(row);
  return record;
}
