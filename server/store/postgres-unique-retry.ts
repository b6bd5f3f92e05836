// A transaction that first looks a row up and inserts it when missing can lose a race to another
// server instance doing the same: both find nothing, and the unique index lets only one insert
// stand. The loser's whole transaction is aborted by then, so it runs again, once: this time its
// lookup finds the winner's committed row and answers from it.
import type { PostgresDatabase, Queryable } from './postgres-database.ts';

/** PostgreSQL's SQLSTATE for a duplicate key in a unique index. */
const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/** Runs `work` in a transaction, and once more when a unique index refused one of its inserts. */
export async function transactionRetryingDuplicate<T>(database: PostgresDatabase, work: (client: Queryable) => Promise<T>): Promise<T> {
  try {
    return await database.transaction(work);
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error;
    }
    return database.transaction(work);
  }
}
