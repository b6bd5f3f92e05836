// The SQLite side of client tokens and the anonymous writers' daily counts.
import type Database from 'better-sqlite3';
import { CLIENT_TOKEN_COLUMNS, readClientTokenRow, readListedClientTokenRow, type ClientTokenRow } from './client-token-rows.ts';
import type { ClientTokenRecord, ClientTokenStore, WriteOwner } from './client-token-types.ts';

export function createSqliteClientTokens(database: Database.Database): ClientTokenStore {
  const statements = {
    insertToken: database.prepare(`
      INSERT INTO client_tokens (name, secret_hash, packages, hosts, created_at)
      VALUES (@name, @secretHash, @packages, @hosts, @createdAt)
      ON CONFLICT (name) DO NOTHING`),
    listTokens: database.prepare(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens ORDER BY id`),
    findByName: database.prepare(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens WHERE name = ?`),
    findByHash: database.prepare(`SELECT ${CLIENT_TOKEN_COLUMNS} FROM client_tokens WHERE secret_hash = ?`),
    revoke: database.prepare('UPDATE client_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?'),
    markUsed: database.prepare('UPDATE client_tokens SET last_used_at = ? WHERE name = ?'),
    forgetOldUsage: database.prepare('DELETE FROM anonymous_usage WHERE day < ?'),
    readUsage: database.prepare('SELECT bytes FROM anonymous_usage WHERE client_ip = ? AND day = ?'),
    addUsage: database.prepare(`
      INSERT INTO anonymous_usage (client_ip, day, bytes) VALUES (?, ?, ?)
      ON CONFLICT (client_ip, day) DO UPDATE SET bytes = bytes + excluded.bytes`),
    findLiveBuildOwner: database.prepare(`
      SELECT r.package, r.host FROM live_builds l JOIN results r ON r.id = l.result_id WHERE l.update_token = ?`),
    findResultOwner: database.prepare('SELECT package, host FROM results WHERE auth_key = ?'),
  };

  const chargeAnonymousBytes = database.transaction((clientIp: string, day: string, bytes: number, limit: number) => {
    statements.forgetOldUsage.run(day);
    const row = statements.readUsage.get(clientIp, day) as { bytes: number } | undefined;
    const usedBefore = row?.bytes ?? 0;
    const charged = usedBefore + bytes <= limit;
    if (charged) {
      statements.addUsage.run(clientIp, day, bytes);
    }
    return { charged, usedBefore };
  });

  return {
    async addClientToken(record) {
      const { changes } = statements.insertToken.run({
        name: record.name,
        secretHash: record.secretHash,
        packages: JSON.stringify(record.packages),
        hosts: JSON.stringify(record.hosts),
        createdAt: record.createdAt,
      });
      return changes > 0;
    },
    async listClientTokens(): Promise<ClientTokenRecord[]> {
      return (statements.listTokens.all() as ClientTokenRow[]).map(readListedClientTokenRow);
    },
    async findClientToken(name) {
      const row = statements.findByName.get(name) as ClientTokenRow | undefined;
      return row && readClientTokenRow(row);
    },
    async findClientTokenBySecretHash(secretHash) {
      const row = statements.findByHash.get(secretHash) as ClientTokenRow | undefined;
      return row && readClientTokenRow(row);
    },
    async revokeClientToken(name, at) {
      return statements.revoke.run(at, name).changes > 0;
    },
    async markClientTokenUsed(name, at) {
      statements.markUsed.run(at, name);
    },
    async chargeAnonymousBytes(clientIp, day, bytes, limit) {
      return chargeAnonymousBytes(clientIp, day, bytes, limit);
    },
    async findLiveBuildOwner(updateToken) {
      return statements.findLiveBuildOwner.get(updateToken) as WriteOwner | undefined;
    },
    async findResultOwner(authKey) {
      return statements.findResultOwner.get(authKey) as WriteOwner | undefined;
    },
  };
}
