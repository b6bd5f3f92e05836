// Admin passwords are kept as scrypt hashes with their parameters, `scrypt$N$r$p$salt$hash`
// (salt and hash in base64), so the parameters can be raised later without losing old hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^15 costs about 32 MiB and a few tens of milliseconds: cheap for one sign-in, dear for guessing.
const COST = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export const MIN_PASSWORD_LENGTH = 8;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when the password matches the stored hash; a hash in another shape matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  if (scheme !== 'scrypt' || expected.length === 0) {
    return false;
  }
  const key = await deriveKey(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/**
 * Spends what checking a password costs, for a sign-in naming no admin: the answer then takes
 * as long whether the name exists or not, and tells a guesser nothing.
 */
export async function spendPasswordCheck(password: string): Promise<void> {
  await deriveKey(password, randomBytes(SALT_BYTES), KEY_BYTES, COST);
}

function deriveKey(password: string, salt: Buffer, length: number, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: node's default (32 MiB) is just below what N = 2^15, r = 8 needs.
    scrypt(password.normalize('NFC'), salt, length, { ...cost, maxmem: 128 * cost.N! * cost.r! * 2 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
