// Requests per address group and minute, counted in PostgreSQL so that every server instance
// sharing the database counts the same requests (limits.requests_per_minute).
import type { Queryable } from './postgres-database.ts';
import type { SharedRequestCounts } from './request-count-types.ts';

export function createPostgresRequestCounts(database: Queryable): SharedRequestCounts {
  // The newest minute this instance has swept before; each instance sweeps once a minute.
  let sweptAt = Number.NEGATIVE_INFINITY;
  return {
    async countRequest(addressGroup, minute) {
      if (minute > sweptAt) {
        sweptAt = minute;
        // A minute is done with once it has passed; the one before now is kept too, for an
        // instance whose clock runs a little behind this one's. The table then holds two
        // minutes of addresses, so reading it whole (its key leads with the address) is cheap.
        await database.run('DELETE FROM request_counts WHERE minute < $1', [minute - 1]);
      }
      // One statement reads and adds, so requests counted together on several instances each
      // see a count of their own: read-then-write would let them all see the same.
      const row = await database.one<{ count: number }>(`
        INSERT INTO request_counts (address_group, minute, count) VALUES ($1, $2, 1)
        ON CONFLICT (address_group, minute) DO UPDATE SET count = request_counts.count + 1
        RETURNING count`, [addressGroup, minute]);
      return row!.count;
    },
  };
}
