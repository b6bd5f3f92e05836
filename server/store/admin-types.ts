// What the store keeps of the web UI's admins and their sessions. A password is kept only as a
// slow salted hash, a session only as a SHA-256 of its id: a copy of the database file opens no
// account and no live session.

/** An admin as listed: never the password's hash. */
export interface AdminRecord {
  name: string;
  /** Unix seconds. */
  createdAt: number;
  /** The last successful sign-in, in Unix seconds; null when never signed in. */
  lastLoginAt: number | null;
}

/** An admin with the hash a sign-in is checked against. */
export interface StoredAdmin extends AdminRecord {
  /** `scrypt$N$r$p$salt$hash` (server/admin/hash-password.ts). */
  passwordHash: string;
}

export interface AdminSessionRecord {
  /** SHA-256 of the session id the cookie holds, hex. */
  idHash: string;
  adminName: string;
  /** What the session's forms carry against cross-site requests; useless without the cookie. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface AdminStore {
  /** Adds the admin, or gives an existing one this password hash and ends its sessions; true when it replaced one. */
  putAdmin(name: string, passwordHash: string, now: number): Promise<boolean>;
  /** Every admin, oldest first. */
  listAdmins(): Promise<AdminRecord[]>;
  findAdmin(name: string): Promise<StoredAdmin | undefined>;
  /** Removes the admin and its sessions; false when no admin has the name. */
  removeAdmin(name: string): Promise<boolean>;
  /** Stores a new session and the admin's sign-in time; expired sessions of every admin are removed on the way. */
  addAdminSession(record: AdminSessionRecord): Promise<void>;
  findAdminSession(idHash: string): Promise<AdminSessionRecord | undefined>;
  removeAdminSession(idHash: string): Promise<void>;
}
