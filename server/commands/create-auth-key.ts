import { randomBytes } from 'node:crypto';

/** An unguessable token that authorises uploads to one result: 32 random bytes as hex. */
export function createAuthKey(): string {
  return createSecretToken();
}

/** An unguessable token that authorises updates of one live build (add_step, append_output, finish_build). */
export function createUpdateToken(): string {
  return createSecretToken();
}

/** The secret of a new client token (docs/PROTOCOL.md, "Authentication"). */
export function createClientTokenSecret(): string {
  return createSecretToken();
}

function createSecretToken(): string {
  return randomBytes(32).toString('hex');
}
