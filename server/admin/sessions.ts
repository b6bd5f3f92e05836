// Admin sessions: signing in checks the password and stores a new session; the browser holds
// its random id in a cookie, the store only the id's SHA-256 (a copy of the database signs
// nobody in). Sessions end 7 days after sign-in; an expired one is refused and removed when seen.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/types.ts';
import { WrongSignInError } from './admin-errors.ts';
import { spendPasswordCheck, verifyPassword } from './hash-password.ts';

export const SESSION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** A signed-in admin, as a request sees it. */
export interface AdminSession {
  adminName: string;
  /** The token every form of this session carries. */
  csrfToken: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface NewAdminSession extends AdminSession {
  /** The cookie's value; the store never holds it. */
  sessionId: string;
}

export async function signInAdmin(store: Store, name: string, password: string, now: number): Promise<NewAdminSession> {
  const admin = await store.findAdmin(name);
  if (!admin) {
    await spendPasswordCheck(password);
    throw new WrongSignInError();
  }
  if (!(await verifyPassword(password, admin.passwordHash))) {
    throw new WrongSignInError();
  }
  const session = { sessionId: createRandomToken(), adminName: admin.name, csrfToken: createRandomToken(), expiresAt: now + SESSION_LIFETIME_SECONDS };
  await store.addAdminSession({
    idHash: hashSessionId(session.sessionId), adminName: admin.name, csrfToken: session.csrfToken, createdAt: now, expiresAt: session.expiresAt,
  });
  return session;
}

/** The live session this id opens; undefined for an unknown or expired one (which is removed). */
export async function findAdminSession(store: Store, sessionId: string, now: number): Promise<AdminSession | undefined> {
  const idHash = hashSessionId(sessionId);
  const session = await store.findAdminSession(idHash);
  if (!session) {
    return undefined;
  }
  if (session.expiresAt <= now) {
    await store.removeAdminSession(idHash);
    return undefined;
  }
  return { adminName: session.adminName, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

export async function endAdminSession(store: Store, sessionId: string): Promise<void> {
  await store.removeAdminSession(hashSessionId(sessionId));
}

/** 32 random bytes, URL-safe: a session id, or a form token. */
export function createRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}
