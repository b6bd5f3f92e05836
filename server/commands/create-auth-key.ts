import { randomBytes } from 'node:crypto';

/** An unguessable token that authorises uploads to one result: 32 random bytes as hex. */
export function createAuthKey(): string {
  return randomBytes(32).toString('hex');
}
