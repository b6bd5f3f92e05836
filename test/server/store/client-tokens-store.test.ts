// Client tokens and the anonymous writers' daily counts in each store, and on PostgreSQL the
// count kept exact while several instances charge one address at once.
import { postgresKind, storeKinds } from '../../helpers/each-store.ts';

const DAY_1 = '2024-03-01';
const DAY_2 = '2024-03-02';

for (const kind of storeKinds) {
  kind.test('a token is stored once by name, found by name or hash, revoked once, and its last use kept', async (t) => {
    const store = await kind.openStore(t);
    t.true(await store.addClientToken({ name: 'ci-1', secretHash: 'hash-1', packages: ['widget'], hosts: [], createdAt: 100.5 }));
    t.false(await store.addClientToken({ name: 'ci-1', secretHash: 'hash-other', packages: [], hosts: [], createdAt: 101 }));
    t.true(await store.addClientToken({ name: 'ci-2', secretHash: 'hash-2', packages: [], hosts: ['builder-1', 'builder-2'], createdAt: 102 }));
    const first = { name: 'ci-1', packages: ['widget'], hosts: [], createdAt: 100.5, lastUsedAt: null, revokedAt: null };
    t.deepEqual(await store.listClientTokens(), [
      first,
      { name: 'ci-2', packages: [], hosts: ['builder-1', 'builder-2'], createdAt: 102, lastUsedAt: null, revokedAt: null },
    ]);
    t.deepEqual(await store.findClientToken('ci-1'), { ...first, secretHash: 'hash-1' });
    t.deepEqual(await store.findClientTokenBySecretHash('hash-1'), { ...first, secretHash: 'hash-1' });
    t.is(await store.findClientToken('nobody'), undefined);
    t.is(await store.findClientTokenBySecretHash('hash-other'), undefined);

    await store.markClientTokenUsed('ci-1', 110.25);
    t.true(await store.revokeClientToken('ci-1', 120));
    t.true(await store.revokeClientToken('ci-1', 130));
    t.false(await store.revokeClientToken('nobody', 130));
    t.like(await store.findClientToken('ci-1'), { lastUsedAt: 110.25, revokedAt: 120 });
  });

  kind.test('a write\'s owner is the package and host of the result its auth_key names', async (t) => {
    const store = await kind.openStore(t);
    const tagset = ['__arch=linux-x86_64', '__host=builder-1', '__package=widget'];
    await store.addResult({
      receivedAt: 100, clientIp: '127.0.0.1', package: 'widget', host: 'builder-1', arch: 'linux-x86_64', tagset,
      tagsetKey: JSON.stringify(tagset), success: true, duration: 1, authKey: 'auth-1', revision: null,
      clientInfo: { package: 'widget', host: 'builder-1', arch: 'linux-x86_64' }, resultsList: [], testCases: [],
    });
    t.deepEqual({ ...await store.findResultOwner('auth-1') }, { package: 'widget', host: 'builder-1' });
    t.is(await store.findResultOwner('auth-unknown'), undefined);
    t.is(await store.findLiveBuildOwner('update-unknown'), undefined);
  });

  kind.test('an address is charged while its day\'s count stays within the cap; another address, or the next day, starts again', async (t) => {
    const store = await kind.openStore(t);
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.1', DAY_1, 600, 1000), { charged: true, usedBefore: 0 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.1', DAY_1, 300, 1000), { charged: true, usedBefore: 600 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.1', DAY_1, 200, 1000), { charged: false, usedBefore: 900 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.1', DAY_1, 100, 1000), { charged: true, usedBefore: 900 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.2', DAY_1, 1001, 1000), { charged: false, usedBefore: 0 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.2', DAY_1, 1000, 1000), { charged: true, usedBefore: 0 });
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.1', DAY_2, 1, 1000), { charged: true, usedBefore: 0 });
    // The next day's charge forgot the day before: its counts are gone.
    t.deepEqual(await store.chargeAnonymousBytes('10.0.0.2', DAY_1, 0, 1000), { charged: true, usedBefore: 0 });
  });
}

postgresKind.test('20 charges of one address at once from two instances never pass the cap, and add up exactly', async (t) => {
  const db = await postgresKind.createDb(t);
  const stores = [await postgresKind.openStore(t, { db }), await postgresKind.openStore(t, { db })];
  const sizes = Array.from({ length: 20 }, (_, index) => 10 * (index + 1));
  const limit = 1000;
  const charges = await Promise.all(sizes.map(async (bytes, index) => ({
    bytes, ...await stores[index % 2]!.chargeAnonymousBytes('10.0.0.1', DAY_1, bytes, limit),
  })));
  const charged = charges.filter((charge) => charge.charged).sort((a, b) => a.usedBefore - b.usedBefore);
  const total = charged.reduce((sum, charge) => sum + charge.bytes, 0);
  t.true(total <= limit);
  t.true(charged.length > 0);
  // Each counted body was counted on top of exactly the ones before it.
  let running = 0;
  for (const charge of charged) {
    t.is(charge.usedBefore, running);
    running += charge.bytes;
  }
  for (const refused of charges.filter((charge) => !charge.charged)) {
    t.true(refused.usedBefore + refused.bytes > limit, `${refused.bytes} bytes refused after ${refused.usedBefore}`);
  }
  t.deepEqual(await stores[0]!.chargeAnonymousBytes('10.0.0.1', DAY_1, 0, limit), { charged: true, usedBefore: total });
});
