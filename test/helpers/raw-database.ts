// Reads and writes a store's database behind the store's back, on either store: for rows an
// older server left (legacy uploads, a running build) and for checking what a write left in the
// tables. Statements take `?` parameters; PostgreSQL gets them numbered.
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../server/store/postgres-database.ts';

/** The rows of one statement on the database `db` names (a SQLite file or a postgres:// URL); bigint comes back as a number. */
export async function queryDatabase<Row = Record<string, unknown>>(db: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  if (!isPostgresUrl(db)) {
    const database = new Database(db, { fileMustExist: true });
    try {
      const statement = database.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Row[];
    } finally {
      database.close();
    }
  }
  let position = 0;
  const client = new pg.Client({
    connectionString: db,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  try {
    return (await client.query(sql.replace(/\?/g, () => `$${++position}`), params as unknown[])).rows as Row[];
  } finally {
    await client.end();
  }
}

/** How many rows a table of the database `db` names holds. */
export async function countTableRows(db: string, table: string): Promise<number> {
  const [row] = await queryDatabase<{ count: number }>(db, `SELECT count(*) AS count FROM ${table}`);
  return row!.count;
}
