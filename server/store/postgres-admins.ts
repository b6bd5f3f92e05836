// The PostgreSQL side of the web UI's admins and their sessions.
import { readAdminRow, readAdminSessionRow, readListedAdminRow, type AdminRow, type AdminSessionRow } from './admin-rows.ts';
import type { AdminRecord, AdminStore } from './admin-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

const ADMIN_COLUMNS = 'name, password_hash, created_at, last_login_at';

export function createPostgresAdmins(database: PostgresDatabase): AdminStore {
  return {
    async putAdmin(name, passwordHash, now) {
      return database.transaction(async (client) => {
        // ON CONFLICT: two instances adding the same name at once add one admin; the other
        // waits for it, then replaces its password as a second add would.
        const added = await client.run(`
          INSERT INTO admins (name, password_hash, created_at) VALUES ($1, $2, $3)
          ON CONFLICT (name) DO NOTHING`, [name, passwordHash, now]);
        if (added > 0) {
          return false;
        }
        const replaced = await client.one<{ id: number }>('UPDATE admins SET password_hash = $1 WHERE name = $2 RETURNING id', [passwordHash, name]);
        if (replaced) {
          await client.run('DELETE FROM admin_sessions WHERE admin_id = $1', [replaced.id]);
        }
        return true;
      });
    },
    async listAdmins(): Promise<AdminRecord[]> {
      const rows = await database.rows<AdminRow>(`SELECT ${ADMIN_COLUMNS} FROM admins ORDER BY id`);
      return rows.map(readListedAdminRow);
    },
    async findAdmin(name) {
      const row = await database.one<AdminRow>(`SELECT ${ADMIN_COLUMNS} FROM admins WHERE name = $1`, [name]);
      return row && readAdminRow(row);
    },
    async removeAdmin(name) {
      // Its sessions go with it: admin_sessions.admin_id cascades.
      return (await database.run('DELETE FROM admins WHERE name = $1', [name])) > 0;
    },
    async addAdminSession(record) {
      await database.transaction(async (client) => {
        // Another instance sweeping at the same moment holds some expired rows; those are left
        // to it rather than waited for, so two sweeps never wait on each other.
        await client.run(`
          DELETE FROM admin_sessions WHERE id_hash IN (
            SELECT id_hash FROM admin_sessions WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED)`, [record.createdAt]);
        // Marking the sign-in first locks the admin's row, so an admin removed meanwhile gets no
        // session (as in SQLite) rather than failing the foreign key.
        const admin = await client.one<{ id: number }>('UPDATE admins SET last_login_at = $1 WHERE name = $2 RETURNING id', [record.createdAt, record.adminName]);
        if (admin) {
          await client.run(`
            INSERT INTO admin_sessions (id_hash, admin_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
          [record.idHash, admin.id, record.csrfToken, record.createdAt, record.expiresAt]);
        }
      });
    },
    async findAdminSession(idHash) {
      const row = await database.one<AdminSessionRow>(`
        SELECT s.id_hash, a.name AS admin_name, s.csrf_token, s.created_at, s.expires_at
        FROM admin_sessions s JOIN admins a ON a.id = s.admin_id WHERE s.id_hash = $1`, [idHash]);
      return row && readAdminSessionRow(row);
    },
    async removeAdminSession(idHash) {
      await database.run('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash]);
    },
  };
}
