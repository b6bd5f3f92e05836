// The admins and admin_sessions rows as both stores read them, and how each becomes a record:
// the SQLite and PostgreSQL stores answer alike because they share these.
import type { AdminRecord, AdminSessionRecord, StoredAdmin } from './admin-types.ts';

export interface AdminRow {
  name: string;
  password_hash: string;
  created_at: number;
  last_login_at: number | null;
}

/** A session joined with its admin's name. */
export interface AdminSessionRow {
  id_hash: string;
  admin_name: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export function readAdminRow(row: AdminRow): StoredAdmin {
  return { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at, lastLoginAt: row.last_login_at };
}

/** The admin as it is listed: without the password's hash. */
export function readListedAdminRow(row: AdminRow): AdminRecord {
  const { passwordHash: _passwordHash, ...admin } = readAdminRow(row);
  return admin;
}

export function readAdminSessionRow(row: AdminSessionRow): AdminSessionRecord {
  return {
    idHash: row.id_hash, adminName: row.admin_name, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at,
  };
}
