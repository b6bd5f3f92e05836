// The web UI's admins: adding one (or giving it a new password), listing, removing. Passwords
// are hashed with scrypt (server/admin/hash-password.ts) and never shown.
import { UnknownAdminError, WeakPasswordError } from '../admin/admin-errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../admin/hash-password.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import type { Store } from '../store/types.ts';

export interface PutAdminAnswer {
  /** True when the admin existed: its password was replaced and its sessions ended. */
  replaced: boolean;
}

const ADMIN_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export async function putAdmin(store: Store, name: string, password: string, now: number): Promise<PutAdminAnswer> {
  if (!ADMIN_NAME.test(name)) {
    throw new InvalidFieldError('an admin name', '1 to 64 letters, digits, `.`, `_`, `@` or `-`', name);
  }
  // Characters, not bytes or UTF-16 units: what a person counts when choosing one.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new WeakPasswordError(length, MIN_PASSWORD_LENGTH);
  }
  return { replaced: await store.putAdmin(name, await hashPassword(password), now) };
}

export async function removeAdmin(store: Store, name: string): Promise<void> {
  if (!(await store.removeAdmin(name))) {
    throw new UnknownAdminError(name);
  }
}
