// Which repositories each tagset builds, as its newest result names them, in each store.
import type { Store } from '../../../server/store/types.ts';
import type { WireStruct } from '../../../wire/types.ts';
import { storeKinds } from '../../helpers/each-store.ts';

let nextAuthKey = 0;

async function addResult(store: Store, packageName: string, tags: string[], clientInfo: WireStruct): Promise<void> {
  const tagset = [...tags, `__package=${packageName}`].sort();
  await store.addResult({
    receivedAt: 100, clientIp: '127.0.0.1', package: packageName, host: 'builder-1', arch: 'linux-x86_64', tagset,
    tagsetKey: JSON.stringify(tagset), success: true, duration: 1, authKey: `auth-${nextAuthKey++}`, revision: null,
    clientInfo: { package: packageName, ...clientInfo }, resultsList: [], testCases: [],
  });
}

for (const kind of storeKinds) {
  kind.test('each tagset lists the repository and checkout repositories of its newest result, strings only, each once, as sent', async (t) => {
    const store = await kind.openStore(t);
    t.deepEqual(await store.listTagsetRepositories(), []);
    await addResult(store, 'widget', ['node20'], { repository: 'https://example.com/old.git' });
    await addResult(store, 'widget', ['node20'], {
      repository: 'https://example.com/widget.git',
      checkouts: [
        { repository: 'https://example.com/lib.git' },
        { repository: 'https://example.com/widget.git' },
        { repository: 42 },
        { path: 'no-repository' },
        { repository: 'https://example.com/caf\u00e9 "quoted"\u0000.git' },
      ],
      // A NUL anywhere in the bag must not stop it being read.
      description: 'nul \u0000 here',
    });
    await addResult(store, 'widget', ['node18'], { repository: Buffer.from([0xff, 0xfe]), checkouts: 'not a list' });
    await addResult(store, 'gadget', [], { checkouts: [{ repository: 'https://example.com/gadget.git' }] });
    const listed = await store.listTagsetRepositories();
    t.deepEqual(listed.map((record) => [record.package, record.tagset, record.repositories]), [
      ['gadget', ['__package=gadget'], ['https://example.com/gadget.git']],
      ['widget', ['__package=widget', 'node18'], []],
      ['widget', ['__package=widget', 'node20'], [
        'https://example.com/widget.git', 'https://example.com/lib.git', 'https://example.com/caf\u00e9 "quoted"\u0000.git',
      ]],
    ]);
    t.is(listed[2]!.tagsetKey, JSON.stringify(['__package=widget', 'node20']));
  });
}
