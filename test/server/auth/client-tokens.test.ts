// Client tokens through the coordinator, on each store: adding, listing, revoking and checking;
// only a hash of a secret is ever stored.
import type { ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  createCoordinator,
  DuplicateTokenNameError,
  InvalidFieldError,
  RevokedClientTokenError,
  UnknownTokenNameError,
  WrongClientTokenError,
  type Coordinator,
} from '../../../server/index.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';
import { createClock } from '../helpers/server.ts';

async function openCoordinator(kind: StoreKind, t: ExecutionContext): Promise<{ coordinator: Coordinator; db: string; clock: ReturnType<typeof createClock> }> {
  const db = await kind.createDb(t);
  const clock = createClock();
  const coordinator = createCoordinator(await kind.openStore(t, { db }), { now: clock.now });
  t.teardown(() => coordinator.close());
  return { coordinator, db, clock };
}

/** Every row of client_tokens as JSON, read from the database itself rather than through the store. */
async function dumpClientTokens(kind: StoreKind, db: string): Promise<string> {
  if (kind.name === 'sqlite') {
    const database = new Database(db, { readonly: true });
    try {
      return JSON.stringify(database.prepare('SELECT * FROM client_tokens').all());
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return JSON.stringify((await client.query('SELECT * FROM client_tokens')).rows);
  } finally {
    await client.end();
  }
}

for (const kind of storeKinds) {
  kind.test('a token is added with its scope and listed without its secret; the database holds only its hash', async (t) => {
    const { coordinator, db } = await openCoordinator(kind, t);
    const { token, secret } = await coordinator.addClientToken('ci-linux', { packages: ['widget', 'widget'], hosts: ['builder-1'] });
    t.regex(secret, /^[0-9a-f]{64}$/);
    t.deepEqual(token, { name: 'ci-linux', packages: ['widget'], hosts: ['builder-1'], createdAt: 1_700_000_000, lastUsedAt: null, revokedAt: null });
    t.deepEqual(await coordinator.listClientTokens(), [token]);
    t.false((await dumpClientTokens(kind, db)).includes(secret));
  });

  kind.test('a token checks with its name and secret as Basic auth, or its secret alone as a bearer token', async (t) => {
    const { coordinator } = await openCoordinator(kind, t);
    const { token, secret } = await coordinator.addClientToken('ci-1');
    t.deepEqual(await coordinator.checkClientToken({ scheme: 'basic', name: 'ci-1', secret }), token);
    t.deepEqual(await coordinator.checkClientToken({ scheme: 'bearer', secret }), token);
  });

  kind.test('a wrong secret, an unknown name, or a secret under another token\'s name is refused, saying which name was tried', async (t) => {
    const { coordinator } = await openCoordinator(kind, t);
    const first = await coordinator.addClientToken('ci-1');
    await coordinator.addClientToken('ci-2');
    const wrong = await t.throwsAsync(coordinator.checkClientToken({ scheme: 'basic', name: 'ci-1', secret: '0'.repeat(64) }), { instanceOf: WrongClientTokenError });
    t.is(wrong.message, 'the client token given for "ci-1" is not valid: no client token has that name and secret');
    t.is(wrong.status, 401);
    await t.throwsAsync(coordinator.checkClientToken({ scheme: 'basic', name: 'ci-2', secret: first.secret }), { instanceOf: WrongClientTokenError });
    await t.throwsAsync(coordinator.checkClientToken({ scheme: 'basic', name: 'nobody', secret: first.secret }), {
      message: 'the client token given for "nobody" is not valid: no client token has that name and secret',
    });
    await t.throwsAsync(coordinator.checkClientToken({ scheme: 'bearer', secret: 'guess' }), {
      instanceOf: WrongClientTokenError, message: 'the bearer token is not valid: no client token has that secret',
    });
  });

  kind.test('a revoked token is refused with when it was revoked; revoking again changes nothing', async (t) => {
    const { coordinator, clock } = await openCoordinator(kind, t);
    const { secret } = await coordinator.addClientToken('ci-1');
    clock.advance(60);
    const revoked = await coordinator.revokeClientToken('ci-1');
    t.deepEqual(revoked, { alreadyRevoked: false, token: { name: 'ci-1', packages: [], hosts: [], createdAt: 1_700_000_000, lastUsedAt: null, revokedAt: 1_700_000_060 } });
    clock.advance(60);
    t.deepEqual(await coordinator.revokeClientToken('ci-1'), { ...revoked, alreadyRevoked: true });
    const refused = await t.throwsAsync(coordinator.checkClientToken({ scheme: 'basic', name: 'ci-1', secret }), { instanceOf: RevokedClientTokenError });
    t.is(refused.message, 'the client token "ci-1" was revoked at 2023-11-14T22:14:20Z; ask the server\'s admin for a new one');
    await t.throwsAsync(coordinator.checkClientToken({ scheme: 'bearer', secret }), { instanceOf: RevokedClientTokenError });
  });

  kind.test('names are unique for good, made of URL-safe characters; revoking an unknown name is refused', async (t) => {
    const { coordinator } = await openCoordinator(kind, t);
    await coordinator.addClientToken('ci-1');
    await coordinator.revokeClientToken('ci-1');
    await t.throwsAsync(coordinator.addClientToken('ci-1'), {
      instanceOf: DuplicateTokenNameError,
      message: 'a client token named "ci-1" exists already (names are never reused, even once revoked); choose another name',
    });
    await t.throwsAsync(coordinator.addClientToken('ci:1'), {
      instanceOf: InvalidFieldError,
      message: 'a client token name must be 1 to 64 letters, digits, `.`, `_` or `-`, got `ci:1` (string)',
    });
    await t.throwsAsync(coordinator.addClientToken('ci-2', { packages: [''] }), { instanceOf: InvalidFieldError });
    await t.throwsAsync(coordinator.revokeClientToken('nobody'), {
      instanceOf: UnknownTokenNameError,
      message: 'no client token is named "nobody"; `pony-build tokens list` shows them',
    });
    t.deepEqual((await coordinator.listClientTokens()).map((token) => token.name), ['ci-1']);
  });
}
