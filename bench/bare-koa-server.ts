// The yardstick for add_results: the least a Koa route can do with a result,
// parse its JSON and insert it in one SQLite transaction, with the same SQLite
// settings as pony-build's store.
import Database from 'better-sqlite3';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';

export async function startBareServer(file: string): Promise<{ url: string; close: () => Promise<void> }> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE results (id INTEGER PRIMARY KEY, package TEXT, client_info TEXT, results_list TEXT)');
  const insert = db.prepare('INSERT INTO results (package, client_info, results_list) VALUES (?, ?, ?)');
  const store = db.transaction((body: { client_info: { package: string }; results_list: unknown[] }) =>
    insert.run(body.client_info.package, JSON.stringify(body.client_info), JSON.stringify(body.results_list)),
  );
  const app = new Koa();
  app.use(async (context) => {
    const chunks: Buffer[] = [];
    for await (const chunk of context.req) {
      chunks.push(chunk as Buffer);
    }
    const info = store(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    context.status = 201;
    context.body = { result_key: Number(info.lastInsertRowid) };
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      db.close();
    },
  };
}
