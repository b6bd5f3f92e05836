import test, { type ExecutionContext } from 'ava';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { openSqliteStore } from '../../../server/index.ts';
import type { NewResultRecord, Store, UploadWithContent } from '../../../server/store/types.ts';
import pg from 'pg';
import { postgresKind, storeKinds, type StoreKind } from '../../helpers/each-store.ts';
import { queryDatabase } from '../../helpers/raw-database.ts';
import { makeTempDirectory } from '../helpers/server.ts';

const tagset = ['__arch=a', '__host=h', '__package=p'];

function makeRecord(authKey: string): NewResultRecord {
  return {
    receivedAt: 1000, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagset, tagsetKey: JSON.stringify(tagset),
    success: true, duration: 5, authKey, revision: null, clientInfo: { package: 'p' }, resultsList: [], testCases: [],
  };
}

function makeUpload(resultKey: number, filename: string, content: string) {
  return { resultKey, filename, description: '', visible: true, uploadedAt: 2000, content: Buffer.from(content) };
}

// SQLite keeps the files beside its file by default (<db>.files/); PostgreSQL in the directory
// it is given, which every instance shares.
async function openStore(t: ExecutionContext, kind: StoreKind): Promise<{ store: Store; db: string; files: string }> {
  const db = await kind.createDb(t);
  const files = kind.name === 'sqlite' ? `${db}.files` : path.join(makeTempDirectory(t), 'files');
  const store = await kind.openStore(t, { db, filesDirectory: kind.name === 'sqlite' ? undefined : files });
  return { store, db, files };
}

async function readContent(upload: UploadWithContent | undefined): Promise<string | null | undefined> {
  return upload && (upload.content === null ? null : text(upload.content));
}

for (const kind of storeKinds) {
  kind.test('a file is stored in the files directory (<db>.files/ for SQLite) with a generated name, never the client\'s, and read back from there', async (t) => {
    const { store, db, files } = await openStore(t, kind);
    const first = await store.addResult(makeRecord('a'));
    const second = await store.addResult(makeRecord('b'));
    const one = await store.addUpload(makeUpload(first, 'report.txt', 'first'));
    const other = await store.addUpload(makeUpload(second, 'report.txt', 'second'));

    const names = fs.readdirSync(files).sort();
    t.is(names.length, 2);
    t.true(names.every((name) => /^[0-9a-f]{32}$/.test(name)));
    t.is(await readContent(await store.getUpload(first, one.id)), 'first');
    t.is(await readContent(await store.getUpload(second, other.id)), 'second');
    // The bytes are in the files only (SQLite keeps an empty blob, PostgreSQL none).
    t.deepEqual(await queryDatabase(db, 'SELECT coalesce(length(content), 0) AS length FROM uploads ORDER BY id'), [{ length: 0 }, { length: 0 }]);
  });

  kind.test('removing a result removes its files, and only its files', async (t) => {
    const { store, files } = await openStore(t, kind);
    const first = await store.addResult(makeRecord('a'));
    const second = await store.addResult(makeRecord('b'));
    await store.addUpload(makeUpload(first, 'a.txt', 'a'));
    await store.addUpload(makeUpload(first, 'b.txt', 'b'));
    const kept = await store.addUpload(makeUpload(second, 'c.txt', 'c'));

    const [removed] = await store.removeResults([first], { keepTagsetLatest: false });
    t.is(removed?.uploads, 2);
    t.is(fs.readdirSync(files).length, 1);
    t.is(await readContent(await store.getUpload(second, kept.id)), 'c');
  });

  kind.test('eviction removes the oldest files until the rest fit, keeping their rows and every result', async (t) => {
    const { store, files } = await openStore(t, kind);
    const key = await store.addResult(makeRecord('a'));
    const oldest = await store.addUpload(makeUpload(key, 'one.bin', '1111'));
    const middle = await store.addUpload(makeUpload(key, 'two.bin', '2222'));
    const newest = await store.addUpload(makeUpload(key, 'three.bin', '3333'));

    t.deepEqual(await store.evictUploadsBeyond(12, 3000), []);
    const evicted = await store.evictUploadsBeyond(5, 3000);
    t.deepEqual(evicted.map((upload) => [upload.id, upload.evictedAt]), [[oldest.id, 3000], [middle.id, 3000]]);
    t.is(fs.readdirSync(files).length, 1);
    t.deepEqual((await store.listUploads(key)).map((upload) => [upload.filename, upload.evictedAt]), [
      ['one.bin', 3000], ['two.bin', 3000], ['three.bin', null],
    ]);
    t.is(await readContent(await store.getUpload(key, oldest.id)), null);
    t.is(await readContent(await store.getUpload(key, newest.id)), '3333');
    t.is(await store.countResults(), 1);
  });

  kind.test('servers evicting from one database at once evict each file once, and only as many as the quota asks', async (t) => {
    const { store, db, files } = await openStore(t, kind);
    const other = await kind.openStore(t, { db, filesDirectory: files });
    const key = await store.addResult(makeRecord('a'));
    const uploads = [];
    for (let index = 0; index < 20; index++) {
      uploads.push(await store.addUpload(makeUpload(key, `${index}.bin`, '12345')));
    }

    const rounds = await Promise.all([store, other, store, other].map((evicting) => evicting.evictUploadsBeyond(50, 3000)));
    const evictedIds = rounds.flat().map((upload) => upload.id).sort((a, b) => a - b);
    t.deepEqual(evictedIds, uploads.slice(0, 10).map((upload) => upload.id));
    t.is(fs.readdirSync(files).length, 10);
    t.deepEqual((await store.listUploads(key)).filter((upload) => upload.evictedAt === null).map((upload) => upload.id),
      uploads.slice(10).map((upload) => upload.id));
  });

  kind.test('uploads stored in the database by an older server are still served, and evicted like the others', async (t) => {
    const { store, db } = await openStore(t, kind);
    const key = await store.addResult(makeRecord('a'));
    await queryDatabase(db, `INSERT INTO uploads (result_id, filename, description, visible, size, uploaded_at, content)
      VALUES (?, 'old.txt', '', 1, 3, 1500, ?)`, [key, Buffer.from('old')]);

    const [old] = await store.listUploads(key);
    t.like(old, { filename: 'old.txt', size: 3, evictedAt: null });
    t.is(await readContent(await store.getUpload(key, old!.id)), 'old');
    await store.addUpload(makeUpload(key, 'new.txt', 'new'));
    t.deepEqual((await store.evictUploadsBeyond(3, 3000)).map((upload) => upload.filename), ['old.txt']);
    t.is(await readContent(await store.getUpload(key, old!.id)), null);
    // The bytes are gone from the row (SQLite keeps an empty blob, PostgreSQL none).
    t.deepEqual(await queryDatabase(db, 'SELECT coalesce(length(content), 0) AS length FROM uploads WHERE id = ?', [old!.id]), [{ length: 0 }]);
  });
}

// PostgreSQL only: SQLite runs one writing transaction at a time, so its evictions cannot overlap.
// Here a transaction holding every upload row makes two servers' evictions start together and
// wait; once it ends, the one that goes second must see what the first evicted, not evict again
// from what it saw when it started.
postgresKind.test('evictions that start together on two servers evict each file once', async (t) => {
  const { store, db, files } = await openStore(t, postgresKind);
  const other = await postgresKind.openStore(t, { db, filesDirectory: files });
  const key = await store.addResult(makeRecord('a'));
  const uploads = [];
  for (let index = 0; index < 4; index++) {
    uploads.push(await store.addUpload(makeUpload(key, `${index}.bin`, '12345')));
  }
  const blocker = new pg.Client({ connectionString: db });
  await blocker.connect();
  t.teardown(() => blocker.end());
  await blocker.query('BEGIN');
  await blocker.query('SELECT id FROM uploads FOR UPDATE');

  const evicting = [store, other].map((server) => server.evictUploadsBeyond(10, 3000));
  await waitForLockWaiters(blocker, 2);
  await blocker.query('COMMIT');
  const rounds = await Promise.all(evicting);
  t.deepEqual(rounds.flat().map((upload) => upload.id).sort((a, b) => a - b), [uploads[0]!.id, uploads[1]!.id]);
  t.is(fs.readdirSync(files).length, 2);
});

// Until `count` other sessions on the blocker's database wait for a lock.
async function waitForLockWaiters(blocker: pg.Client, count: number): Promise<void> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const { rows } = await blocker.query<{ waiting: number }>(`
      SELECT count(*)::integer AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND pid != pg_backend_pid() AND wait_event_type = 'Lock'`);
    if (rows[0]!.waiting >= count) {
      return;
    }
  }
  throw new Error(`Expected ${count} sessions to wait for a lock, but they never did`);
}

// SQLite only: a database in memory is SQLite's; PostgreSQL always has a server and a files directory.
test('a database in memory keeps its files in a temp dir removed on close', async (t) => {
  const store = openSqliteStore(':memory:');
  const key = await store.addResult(makeRecord('a'));
  const marker = `in memory ${process.pid} ${Date.now()}`;
  await store.addUpload(makeUpload(key, 'a.txt', marker));
  const holding = findTempFilesHolding(marker);
  t.is(holding.length, 1);
  await store.close();
  t.false(fs.existsSync(holding[0]!));
});

// The temp dirs of stores in memory (pony-build-files-*) that hold a file with this content.
function findTempFilesHolding(content: string): string[] {
  return fs.readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('pony-build-files-'))
    .map((name) => path.join(os.tmpdir(), name))
    .filter((directory) => {
      try {
        return fs.readdirSync(directory).some((file) => fs.readFileSync(path.join(directory, file), 'utf8') === content);
      } catch {
        return false;
      }
    });
}
