// The PostgreSQL side of client tokens and the anonymous writers' daily counts.
import { CLIENT_TOKEN_COLUMNS, readClientTokenRow, readListedClientTokenRow, type ClientTokenRow } from './client-token-rows.ts';
import type { ClientTokenRecord, ClientTokenStore, WriteOwner } from './client-token-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

// Several instances charge one address at once, so reading the count and then adding to it
// could let two bodies through that together pass the cap. The decision is taken inside the
// one statement that writes: the insert, or the update of the row it conflicts with, which
// PostgreSQL makes under that row's lock against its newest count. A row comes back only when
// the body was counted. Older days are forgotten on the way; rows another charge is deleting
// at the same moment are left to it (SKIP LOCKED), so two charges never wait on each other there.
const CHARGE = `
  WITH forgotten AS (
    DELETE FROM anonymous_usage WHERE (client_ip, day) IN (
      SELECT client_ip, day FROM anonymous_usage WHERE day < $2 FOR UPDATE SKIP LOCKED))
  INSERT INTO anonymous_usage (client_ip, day, bytes)
  SELECT $1, $2, $3::bigint WHERE $3::bigint <= $4::double precision
  ON CONFLICT (client_ip, day) DO UPDATE SET bytes = anonymous_usage.bytes + excluded.bytes
  WHERE anonymous_usage.bytes + excluded.bytes <= $4::double precision
  RETURNING bytes`;

export function createPostgresClientTokens(database: PostgresDatabase): ClientTokenStore {
  return {
    async addClientToken(record) {
      const added = await database.run(`
        INSERT INTO client_tokens (name, secret_hash, packages, hosts, created_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (name) DO NOTHING`,
      [record.name, record.secretHash, JSON.stringify(record.packages), JSON.stringify(record.hosts), record.createdAt]);
      return added > 0;
    },
    async listClientTokens(): Promise<ClientTokenRecord[]> {
      const rows = await database.rows<ClientTokenRow>(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens ORDER BY id`);
      return rows.map(readListedClientTokenRow);
    },
    async findClientToken(name) {
      const row = await database.one<ClientTokenRow>(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens WHERE name = $1`, [name]);
      return row && readClientTokenRow(row);
    },
    async findClientTokenBySecretHash(secretHash) {
      const row = await database.one<ClientTokenRow>(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens WHERE secret_hash = $1`, [secretHash]);
      return row && readClientTokenRow(row);
    },
    async revokeClientToken(name, at) {
      return (await database.run('UPDATE client_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE name = $2', [at, name])) > 0;
    },
    async markClientTokenUsed(name, at) {
      await database.run('UPDATE client_tokens SET last_used_at = $1 WHERE name = $2', [at, name]);
    },
    async chargeAnonymousBytes(clientIp, day, bytes, limit) {
      const charged = await database.one<{ bytes: number }>(CHARGE, [clientIp, day, bytes, limit]);
      if (charged) {
        return { charged: true, usedBefore: charged.bytes - bytes };
      }
      // Refused: the count it was refused against is committed, so this later read sees it (or
      // more, from charges since), and the answer still says why the body did not fit.
      const row = await database.one<{ bytes: number }>('SELECT bytes FROM anonymous_usage WHERE client_ip = $1 AND day = $2', [clientIp, day]);
      return { charged: false, usedBefore: row?.bytes ?? 0 };
    },
    async findLiveBuildOwner(updateToken) {
      return database.one<WriteOwner>(`
        SELECT r.package, r.host FROM live_builds l JOIN results r ON r.id = l.result_id WHERE l.update_token = $1`, [updateToken]);
    },
    async findResultOwner(authKey) {
      return database.one<WriteOwner>('SELECT package, host FROM results WHERE auth_key = $1', [authKey]);
    },
  };
}
