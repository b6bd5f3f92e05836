// The SQLite side of the web UI's admins and their sessions.
import type Database from 'better-sqlite3';
import { readAdminRow, readAdminSessionRow, readListedAdminRow, type AdminRow, type AdminSessionRow } from './admin-rows.ts';
import type { AdminRecord, AdminSessionRecord, AdminStore } from './admin-types.ts';

export function createSqliteAdmins(database: Database.Database): AdminStore {
  const statements = {
    insertAdmin: database.prepare(`
      INSERT INTO admins (name, password_hash, created_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO NOTHING`),
    replacePassword: database.prepare('UPDATE admins SET password_hash = ? WHERE name = ?'),
    listAdmins: database.prepare('SELECT name, password_hash, created_at, last_login_at FROM admins ORDER BY id'),
    findAdmin: database.prepare('SELECT name, password_hash, created_at, last_login_at FROM admins WHERE name = ?'),
    deleteAdmin: database.prepare('DELETE FROM admins WHERE name = ?'),
    deleteSessionsOf: database.prepare('DELETE FROM admin_sessions WHERE admin_id = (SELECT id FROM admins WHERE name = ?)'),
    deleteExpired: database.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?'),
    insertSession: database.prepare(`
      INSERT INTO admin_sessions (id_hash, admin_id, csrf_token, created_at, expires_at)
      SELECT @idHash, id, @csrfToken, @createdAt, @expiresAt FROM admins WHERE name = @adminName`),
    markSignedIn: database.prepare('UPDATE admins SET last_login_at = ? WHERE name = ?'),
    findSession: database.prepare(`
      SELECT s.id_hash, a.name AS admin_name, s.csrf_token, s.created_at, s.expires_at
      FROM admin_sessions s JOIN admins a ON a.id = s.admin_id WHERE s.id_hash = ?`),
    deleteSession: database.prepare('DELETE FROM admin_sessions WHERE id_hash = ?'),
  };

  const putAdmin = database.transaction((name: string, passwordHash: string, now: number): boolean => {
    if (statements.insertAdmin.run(name, passwordHash, now).changes > 0) {
      return false;
    }
    statements.replacePassword.run(passwordHash, name);
    statements.deleteSessionsOf.run(name);
    return true;
  });
  const removeAdmin = database.transaction((name: string): boolean => {
    statements.deleteSessionsOf.run(name);
    return statements.deleteAdmin.run(name).changes > 0;
  });
  const addSession = database.transaction((record: AdminSessionRecord) => {
    statements.deleteExpired.run(record.createdAt);
    statements.insertSession.run(record);
    statements.markSignedIn.run(record.createdAt, record.adminName);
  });

  return {
    async putAdmin(name, passwordHash, now) {
      return putAdmin(name, passwordHash, now);
    },
    async listAdmins(): Promise<AdminRecord[]> {
      return (statements.listAdmins.all() as AdminRow[]).map(readListedAdminRow);
    },
    async findAdmin(name) {
      const row = statements.findAdmin.get(name) as AdminRow | undefined;
      return row && readAdminRow(row);
    },
    async removeAdmin(name) {
      return removeAdmin(name);
    },
    async addAdminSession(record) {
      addSession(record);
    },
    async findAdminSession(idHash) {
      const row = statements.findSession.get(idHash) as AdminSessionRow | undefined;
      return row && readAdminSessionRow(row);
    },
    async removeAdminSession(idHash) {
      statements.deleteSession.run(idHash);
    },
  };
}
