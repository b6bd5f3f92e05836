// The admin commands work on the database directly, with no server needed; SQLite's WAL mode
// lets a running server keep going alongside, and PostgreSQL has servers to spare.
import { existsSync } from 'node:fs';
import { createCoordinator, DatabaseUnavailableError, DEFAULT_DB, openStore, type Coordinator } from '../../server/index.ts';
import { isPostgresUrl } from '../../server/store/postgres-database.ts';

/** The database file does not exist; opening it would create an empty one. */
export class MissingDatabaseError extends Error {
  override name = 'MissingDatabaseError';

  constructor(readonly file: string) {
    super(`no database at ${file}; name the server's database with --db FILE`);
  }
}

/** A coordinator over the existing database `file`, or the PostgreSQL database at that URL. */
export async function openDatabase(file: string = DEFAULT_DB): Promise<Coordinator> {
  if (!isPostgresUrl(file) && !existsSync(file)) {
    throw new MissingDatabaseError(file);
  }
  return createCoordinator(await openStore(file));
}

/**
 * Runs one admin operation on the database and closes it; the expected failures (given as
 * classes) become a message and exit status 1, anything else propagates.
 */
export async function withDatabase(
  command: string,
  file: string | undefined,
  expectedErrors: ReadonlyArray<abstract new (...args: never[]) => Error>,
  operate: (coordinator: Coordinator) => Promise<string>,
): Promise<number> {
  try {
    const coordinator = await openDatabase(file);
    try {
      process.stdout.write(`${await operate(coordinator)}\n`);
      return 0;
    } finally {
      await coordinator.close();
    }
  } catch (error) {
    if (error instanceof MissingDatabaseError || error instanceof DatabaseUnavailableError || expectedErrors.some((expected) => error instanceof expected)) {
      process.stderr.write(`pony-build ${command}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
