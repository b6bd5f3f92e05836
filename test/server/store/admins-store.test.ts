// The web UI's admins and their sessions in each store.
import type { AdminSessionRecord } from '../../../server/store/admin-types.ts';
import { postgresKind, storeKinds } from '../../helpers/each-store.ts';

const session = (idHash: string, adminName: string, createdAt: number): AdminSessionRecord => ({
  idHash, adminName, csrfToken: `csrf-${idHash}`, createdAt, expiresAt: createdAt + 100,
});

for (const kind of storeKinds) {
  kind.test('an admin is added, listed without its hash, and found with it; adding it again replaces its password and ends its sessions', async (t) => {
    const store = await kind.openStore(t);
    t.false(await store.putAdmin('ada', 'scrypt$old', 100));
    t.false(await store.putAdmin('bob', 'scrypt$bob', 101.5));
    t.deepEqual(await store.listAdmins(), [
      { name: 'ada', createdAt: 100, lastLoginAt: null },
      { name: 'bob', createdAt: 101.5, lastLoginAt: null },
    ]);
    t.deepEqual(await store.findAdmin('ada'), { name: 'ada', passwordHash: 'scrypt$old', createdAt: 100, lastLoginAt: null });
    t.is(await store.findAdmin('nobody'), undefined);

    await store.addAdminSession(session('ada-1', 'ada', 110.25));
    await store.addAdminSession(session('bob-1', 'bob', 111));
    t.deepEqual(await store.findAdminSession('ada-1'), session('ada-1', 'ada', 110.25));
    t.like(await store.findAdmin('ada'), { lastLoginAt: 110.25 });

    t.true(await store.putAdmin('ada', 'scrypt$new', 120));
    t.deepEqual(await store.findAdmin('ada'), { name: 'ada', passwordHash: 'scrypt$new', createdAt: 100, lastLoginAt: 110.25 });
    t.is(await store.findAdminSession('ada-1'), undefined);
    t.deepEqual(await store.findAdminSession('bob-1'), session('bob-1', 'bob', 111));
  });

  kind.test('removing an admin ends its sessions; a session ends alone; a new session sweeps every admin\'s expired ones', async (t) => {
    const store = await kind.openStore(t);
    await store.putAdmin('ada', 'scrypt$ada', 100);
    await store.putAdmin('bob', 'scrypt$bob', 100);
    await store.addAdminSession(session('ada-1', 'ada', 100));
    await store.addAdminSession(session('ada-2', 'ada', 150));
    await store.addAdminSession(session('bob-1', 'bob', 150));
    await store.removeAdminSession('ada-2');
    t.is(await store.findAdminSession('ada-2'), undefined);
    // ada-1 expired at 200.
    await store.addAdminSession(session('bob-2', 'bob', 200));
    t.is(await store.findAdminSession('ada-1'), undefined);
    t.truthy(await store.findAdminSession('bob-1'));

    t.true(await store.removeAdmin('bob'));
    t.false(await store.removeAdmin('bob'));
    t.is(await store.findAdminSession('bob-1'), undefined);
    t.is(await store.findAdminSession('bob-2'), undefined);
    t.deepEqual((await store.listAdmins()).map((admin) => admin.name), ['ada']);
  });

  kind.test('a session for an admin that does not exist is not stored', async (t) => {
    const store = await kind.openStore(t);
    await store.addAdminSession(session('ghost-1', 'ghost', 100));
    t.is(await store.findAdminSession('ghost-1'), undefined);
    t.deepEqual(await store.listAdmins(), []);
  });
}

postgresKind.test('two instances adding the same admin at once add it once; the other replaces its password', async (t) => {
  const db = await postgresKind.createDb(t);
  const stores = [await postgresKind.openStore(t, { db }), await postgresKind.openStore(t, { db })];
  const replaced = await Promise.all(stores.map((store, index) => store.putAdmin('ada', `scrypt$${index}`, 100)));
  t.deepEqual([...replaced].sort(), [false, true]);
  t.is((await stores[0].listAdmins()).length, 1);
});
