// The delivery queue in PostgreSQL (server/notify/delivery-types.ts), and the notify rows the
// worker works out into deliveries. Several server instances work one queue: SQLite's single
// writer made its reads-then-writes safe, so here each decision is taken under a row lock or an
// advisory lock instead (see each statement).
import { randomUUID } from 'node:crypto';
import type { DeliveryStore, NewDelivery } from '../notify/delivery-types.ts';
import { readDeliveryRow, readNotifyQueueRow, type DeliveryRow, type NotifyQueueRow } from './delivery-rows.ts';
import type { PostgresDatabase, Queryable } from './postgres-database.ts';

// A row some worker holds stays: the newer one waits for it (see CLAIM_DELIVERY).
const SUPERSEDE = `
  UPDATE deliveries SET state = 'superseded', last_error = 'superseded by a newer delivery'
  WHERE sequence_key = $1 AND state = 'pending' AND (locked_until IS NULL OR locked_until <= $2)`;

const INSERT_DELIVERY = `
  INSERT INTO deliveries (delivery_id, kind, target, event, dedupe_key, sequence_key, payload, created_at, next_attempt_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
  ON CONFLICT (dedupe_key) DO NOTHING`;

// SKIP LOCKED: a row another instance is claiming this instant is passed over rather than waited
// for, so instances never take the same row and never queue behind each other. Once locked, the
// row's conditions are checked again on its newest version (READ COMMITTED), so a row another
// instance has just leased is not taken. The lease itself (locked_until) is what outlives the
// statement: a killed worker's row is taken again once it runs out.
const CLAIM_DELIVERY = `
  UPDATE deliveries SET locked_until = $3, attempts = attempts + 1
  WHERE id = (
    SELECT id FROM deliveries candidate
    WHERE state = 'pending' AND kind = ANY($1::text[]) AND next_attempt_at <= $2
      AND (locked_until IS NULL OR locked_until <= $2)
      AND (sequence_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM deliveries earlier
        WHERE earlier.sequence_key = candidate.sequence_key AND earlier.state = 'pending' AND earlier.id < candidate.id))
    ORDER BY next_attempt_at, id LIMIT 1
    FOR UPDATE OF candidate SKIP LOCKED)
  RETURNING *`;

// The oldest row only, and never SKIP LOCKED: rows are worked out in order, so a held oldest row
// holds up the rest, and one being claimed this instant must not let the next one overtake it.
// FOR UPDATE waits for a concurrent claim or finish of the oldest row; if that deleted it, the
// next row is locked instead, and the lease is checked on the newest version of the row.
const CLAIM_NOTIFY_ROW = `
  UPDATE notify_queue SET locked_until = $2, attempts = attempts + 1
  WHERE id = (SELECT id FROM notify_queue ORDER BY id LIMIT 1 FOR UPDATE)
    AND (locked_until IS NULL OR locked_until <= $1)
  RETURNING id, result_key, event, attempts`;

export function createPostgresDeliveries(database: PostgresDatabase): DeliveryStore {
  return {
    async enqueueDeliveries(deliveries, at) {
      return deliveries.length === 0 ? 0 : database.transaction((client) => enqueue(client, deliveries, at));
    },
    async claimDelivery(kinds, now, lockedUntil) {
      const row = await database.one<DeliveryRow>(CLAIM_DELIVERY, [kinds, now, lockedUntil]);
      return row && readDeliveryRow(row);
    },
    async finishDeliveryAttempt(key, lockedUntil, attempt) {
      return (await database.run(`
        UPDATE deliveries SET state = $3, next_attempt_at = $4, locked_until = NULL,
          last_status = $5, last_response_ms = $6, last_error = $7
        WHERE id = $1 AND locked_until = $2`,
      [key, lockedUntil, attempt.state, attempt.nextAttemptAt, attempt.lastStatus, attempt.lastResponseMs, attempt.lastError])) > 0;
    },
    async findNextDeliveryTime(kinds) {
      const row = await database.one<{ due: number | null }>(`
        SELECT min(greatest(next_attempt_at, coalesce(locked_until, 0))) AS due FROM deliveries
        WHERE state = 'pending' AND kind = ANY($1::text[])`, [kinds]);
      return row?.due ?? undefined;
    },
    async listDeliveries({ limit, state }) {
      const rows = state === undefined
        ? await database.rows<DeliveryRow>('SELECT * FROM deliveries ORDER BY id DESC LIMIT $1', [limit])
        : await database.rows<DeliveryRow>('SELECT * FROM deliveries WHERE state = $1 ORDER BY id DESC LIMIT $2', [state, limit]);
      return rows.map(readDeliveryRow);
    },
    async addNotifyRow(resultKey, event, at) {
      await database.run('INSERT INTO notify_queue (result_key, event, created_at) VALUES ($1, $2, $3)', [resultKey, event, at]);
    },
    async claimNotifyRow(now, lockedUntil) {
      const row = await database.one<NotifyQueueRow>(CLAIM_NOTIFY_ROW, [now, lockedUntil]);
      return row && readNotifyQueueRow(row);
    },
    async finishNotifyRow(key, lockedUntil, deliveries, at) {
      return database.transaction(async (client) => {
        // The DELETE locks the row: a worker whose lease ran out meanwhile finds it gone or
        // re-leased, and queues nothing.
        if (await client.run('DELETE FROM notify_queue WHERE id = $1 AND locked_until = $2', [key, lockedUntil]) === 0) {
          return undefined;
        }
        return deliveries.length === 0 ? 0 : enqueue(client, deliveries, at);
      });
    },
    async retryNotifyRow(key, lockedUntil, retryAt) {
      await database.run('UPDATE notify_queue SET locked_until = $1 WHERE id = $2 AND locked_until = $3', [retryAt, key, lockedUntil]);
    },
    async findNextNotifyTime() {
      const row = await database.one<{ due: number }>('SELECT coalesce(locked_until, created_at) AS due FROM notify_queue ORDER BY id LIMIT 1');
      return row?.due;
    },
    async readBuilderAnnouncements() {
      const rows = await database.rows<{ builder_key: string; state: string }>('SELECT builder_key, state FROM builder_announcements');
      return new Map(rows.map((row) => [row.builder_key, row.state]));
    },
    async writeBuilderAnnouncement(builderKey, state, at) {
      await database.run(`
        INSERT INTO builder_announcements (builder_key, state, changed_at) VALUES ($1, $2, $3)
        ON CONFLICT (builder_key) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`, [builderKey, state, at]);
    },
  };
}

/** Queues deliveries inside the caller's transaction; answers how many were new. */
async function enqueue(client: Queryable, deliveries: readonly NewDelivery[], at: number): Promise<number> {
  await lockSequences(client, deliveries);
  let added = 0;
  for (const delivery of deliveries) {
    const sequenceKey = delivery.sequenceKey ?? null;
    if (sequenceKey !== null && !(await client.one('SELECT 1 FROM deliveries WHERE dedupe_key = $1', [delivery.dedupeKey]))) {
      await client.run(SUPERSEDE, [sequenceKey, at]);
    }
    added += await client.run(INSERT_DELIVERY, [
      randomUUID(), delivery.kind, delivery.target, delivery.event, delivery.dedupeKey, sequenceKey,
      JSON.stringify(delivery.payload), at,
    ]);
  }
  return added;
}

// Two instances queuing into one sequence at once would each miss the other's uncommitted row,
// and neither would supersede it; and the one with the lower key could commit last. Queuing into
// a sequence therefore takes a transaction-long lock on it, so the second waits, then sees and
// supersedes the first's row, and its own row gets the higher key. Locks are taken in one order
// (sorted) so two transactions with several sequences never wait on each other in a circle.
async function lockSequences(client: Queryable, deliveries: readonly NewDelivery[]): Promise<void> {
  const sequenceKeys = [...new Set(deliveries.flatMap((delivery) => delivery.sequenceKey ?? []))].sort();
  for (const sequenceKey of sequenceKeys) {
    await client.run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`pony-build delivery sequence ${sequenceKey}`]);
  }
}
