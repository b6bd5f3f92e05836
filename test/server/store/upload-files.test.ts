import test from 'ava';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { openSqliteStore } from '../../../server/index.ts';
import type { NewResultRecord, Store, UploadWithContent } from '../../../server/store/types.ts';
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

function openStore(t: Parameters<typeof makeTempDirectory>[0]): { store: Store; db: string; files: string } {
  const db = path.join(makeTempDirectory(t), 'results.db');
  const store = openSqliteStore(db);
  t.teardown(() => store.close());
  return { store, db, files: `${db}.files` };
}

async function readContent(upload: UploadWithContent | undefined): Promise<string | null | undefined> {
  return upload && (upload.content === null ? null : text(upload.content));
}

test('a file is stored under <db>.files/ with a generated name, never the client\'s, and read back from there', async (t) => {
  const { store, db, files } = openStore(t);
  const first = await store.addResult(makeRecord('a'));
  const second = await store.addResult(makeRecord('b'));
  const one = await store.addUpload(makeUpload(first, 'report.txt', 'first'));
  const other = await store.addUpload(makeUpload(second, 'report.txt', 'second'));

  const names = fs.readdirSync(files).sort();
  t.is(names.length, 2);
  t.true(names.every((name) => /^[0-9a-f]{32}$/.test(name)));
  t.is(await readContent(await store.getUpload(first, one.id)), 'first');
  t.is(await readContent(await store.getUpload(second, other.id)), 'second');
  // The bytes are in the files only.
  const database = new Database(db, { readonly: true });
  t.teardown(() => database.close());
  t.deepEqual(database.prepare('SELECT length(content) AS length FROM uploads').all(), [{ length: 0 }, { length: 0 }]);
});

test('removing a result removes its files, and only its files', async (t) => {
  const { store, files } = openStore(t);
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

test('eviction removes the oldest files until the rest fit, keeping their rows and every result', async (t) => {
  const { store, files } = openStore(t);
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

test('uploads stored in the database by an older server are still served, and evicted like the others', async (t) => {
  const { store, db } = openStore(t);
  const key = await store.addResult(makeRecord('a'));
  const database = new Database(db);
  t.teardown(() => database.close());
  database.prepare(`INSERT INTO uploads (result_id, filename, description, visible, size, uploaded_at, content)
    VALUES (?, 'old.txt', '', 1, 3, 1500, ?)`).run(key, Buffer.from('old'));

  const [old] = await store.listUploads(key);
  t.like(old, { filename: 'old.txt', size: 3, evictedAt: null });
  t.is(await readContent(await store.getUpload(key, old!.id)), 'old');
  await store.addUpload(makeUpload(key, 'new.txt', 'new'));
  t.deepEqual((await store.evictUploadsBeyond(3, 3000)).map((upload) => upload.filename), ['old.txt']);
  t.is(await readContent(await store.getUpload(key, old!.id)), null);
  t.deepEqual(database.prepare('SELECT length(content) AS length FROM uploads WHERE id = ?').get(old!.id), { length: 0 });
});

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
