// The PostgreSQL connection pool and the three ways the store uses it: a statement on any free
// connection, a transaction on one connection, and a lock held across processes. Every module
// of the PostgreSQL store takes a `Queryable`, so the same query runs alone or inside a
// transaction.
import pg from 'pg';
import { createNamedSerialQueue } from './serial-queue.ts';

export interface Queryable {
  /** Rows of one statement; parameters are `$1`, `$2`, ... */
  rows<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The first row, or undefined. */
  one<Row>(sql: string, params?: readonly unknown[]): Promise<Row | undefined>;
  /** How many rows the statement wrote. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface PostgresDatabase extends Queryable {
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while no other holder of the same named lock runs, in this process or any other
   * server on the same database (a session advisory lock on a connection of its own).
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** A connection of its own, for LISTEN; released (or destroyed) by the caller. */
  connect(): Promise<pg.PoolClient>;
  close(): Promise<void>;
}

// bigint (int8: ids, counts) comes back as a number: keys stay far below 2^53, and the rest of
// the server compares keys as numbers. numeric is not used by the schema.
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') {
      return (value: string) => Number(value);
    }
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async rows<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query({ text: sql, values: params as unknown[] })).rows as Row[];
    },
    async one<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query({ text: sql, values: params as unknown[] })).rows[0] as Row | undefined;
    },
    async run(sql: string, params: readonly unknown[] = []) {
      return (await client.query({ text: sql, values: params as unknown[] })).rowCount ?? 0;
    },
  };
}

export interface PostgresPoolOptions {
  /** Connections at most; default 10. */
  max?: number;
}

export function createPostgresDatabase(url: string, options: PostgresPoolOptions = {}): PostgresDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: 'pony-build' });
  // An idle connection the server dropped (a restart, a proxy's timeout) is replaced on next use;
  // without a listener its error would end the process.
  pool.on('error', () => {});
  const waiting = createNamedSerialQueue();
  return {
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const answer = await work(wrap(client));
        await client.query('COMMIT');
        client.release();
        return answer;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
        throw error;
      }
    },
    exclusively(name, work) {
      // One waiter per name in this process: a crowd of waiters would each hold a connection
      // blocked on the lock, leaving none for the work of the one that has it.
      return waiting(name, () => holdLock(name, work));
    },
    connect: () => pool.connect(),
    async close() {
      await pool.end();
    },
  };

  async function holdLock<T>(name: string, work: () => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch((error: Error) => {
            broken = error;
          });
        }
      } finally {
        // A connection whose unlock failed may still hold the lock: ending it lets it go.
        client.release(broken);
      }
  }
}

/** True for the URLs that name a PostgreSQL database. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
