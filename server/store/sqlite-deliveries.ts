// The delivery queue in SQLite (server/notify/delivery-types.ts), and the notify rows the worker
// works out into deliveries. A claim is one UPDATE ... RETURNING under SQLite's write lock, so two
// processes on one database never take the same row.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DeliveryStore, NewDelivery } from '../notify/delivery-types.ts';
import { readDeliveryRow, readNotifyQueueRow, type DeliveryRow, type NotifyQueueRow } from './delivery-rows.ts';

// The kinds a worker handles are few; a JSON array lets one statement take any number of them.
const IN_KINDS = 'kind IN (SELECT value FROM json_each(@kinds))';

export function createSqliteDeliveries(database: Database.Database): DeliveryStore {
  const statements = {
    insert: database.prepare(`
      INSERT INTO deliveries (delivery_id, kind, target, event, dedupe_key, sequence_key, payload, created_at, next_attempt_at)
      VALUES (@deliveryId, @kind, @target, @event, @dedupeKey, @sequenceKey, @payload, @at, @at)
      ON CONFLICT (dedupe_key) DO NOTHING`),
    // A row some worker holds stays: the newer one waits for it (see claim).
    supersede: database.prepare(`
      UPDATE deliveries SET state = 'superseded', last_error = 'superseded by a newer delivery'
      WHERE sequence_key = @sequenceKey AND state = 'pending' AND (locked_until IS NULL OR locked_until <= @at)`),
    claim: database.prepare(`
      UPDATE deliveries SET locked_until = @lockedUntil, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM deliveries candidate
        WHERE state = 'pending' AND ${IN_KINDS} AND next_attempt_at <= @now
          AND (locked_until IS NULL OR locked_until <= @now)
          AND (sequence_key IS NULL OR NOT EXISTS (
            SELECT 1 FROM deliveries earlier
            WHERE earlier.sequence_key = candidate.sequence_key AND earlier.state = 'pending' AND earlier.id < candidate.id))
        ORDER BY next_attempt_at, id LIMIT 1)
      RETURNING *`),
    finish: database.prepare(`
      UPDATE deliveries SET state = @state, next_attempt_at = @nextAttemptAt, locked_until = NULL,
        last_status = @lastStatus, last_response_ms = @lastResponseMs, last_error = @lastError
      WHERE id = @key AND locked_until = @lockedUntil`),
    nextTime: database.prepare(`
      SELECT min(max(next_attempt_at, coalesce(locked_until, 0))) AS due FROM deliveries
      WHERE state = 'pending' AND ${IN_KINDS}`),
    exists: database.prepare('SELECT 1 FROM deliveries WHERE dedupe_key = ?'),
    listAll: database.prepare('SELECT * FROM deliveries ORDER BY id DESC LIMIT ?'),
    listInState: database.prepare('SELECT * FROM deliveries WHERE state = ? ORDER BY id DESC LIMIT ?'),
    addNotifyRow: database.prepare('INSERT INTO notify_queue (result_key, event, created_at) VALUES (?, ?, ?)'),
    // The oldest row only: rows are worked out in order, so a held oldest row holds up the rest.
    claimNotifyRow: database.prepare(`
      UPDATE notify_queue SET locked_until = @lockedUntil, attempts = attempts + 1
      WHERE id = (SELECT min(id) FROM notify_queue) AND (locked_until IS NULL OR locked_until <= @now)
      RETURNING id, result_key, event, attempts`),
    deleteNotifyRow: database.prepare('DELETE FROM notify_queue WHERE id = ? AND locked_until = ?'),
    retryNotifyRow: database.prepare('UPDATE notify_queue SET locked_until = ? WHERE id = ? AND locked_until = ?'),
    nextNotifyTime: database.prepare('SELECT coalesce(locked_until, created_at) AS due FROM notify_queue ORDER BY id LIMIT 1'),
    readAnnouncements: database.prepare('SELECT builder_key, state FROM builder_announcements'),
    writeAnnouncement: database.prepare(`
      INSERT INTO builder_announcements (builder_key, state, changed_at) VALUES (?, ?, ?)
      ON CONFLICT (builder_key) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`),
  };

  const enqueue = database.transaction((deliveries: readonly NewDelivery[], at: number) => {
    let added = 0;
    for (const delivery of deliveries) {
      const sequenceKey = delivery.sequenceKey ?? null;
      if (sequenceKey !== null && !statements.exists.get(delivery.dedupeKey)) {
        statements.supersede.run({ sequenceKey, at });
      }
      added += statements.insert.run({
        deliveryId: randomUUID(),
        kind: delivery.kind,
        target: delivery.target,
        event: delivery.event,
        dedupeKey: delivery.dedupeKey,
        sequenceKey,
        payload: JSON.stringify(delivery.payload),
        at,
      }).changes;
    }
    return added;
  });

  const finishNotifyRow = database.transaction((key: number, lockedUntil: number, deliveries: readonly NewDelivery[], at: number) => {
    if (statements.deleteNotifyRow.run(key, lockedUntil).changes === 0) {
      return undefined;
    }
    return deliveries.length === 0 ? 0 : enqueue(deliveries, at);
  });

  return {
    async enqueueDeliveries(deliveries, at) {
      return deliveries.length === 0 ? 0 : enqueue(deliveries, at);
    },
    async claimDelivery(kinds, now, lockedUntil) {
      const row = statements.claim.get({ kinds: JSON.stringify(kinds), now, lockedUntil }) as DeliveryRow | undefined;
      return row && readDeliveryRow(row);
    },
    async finishDeliveryAttempt(key, lockedUntil, attempt) {
      return statements.finish.run({ key, lockedUntil, ...attempt }).changes > 0;
    },
    async findNextDeliveryTime(kinds) {
      const row = statements.nextTime.get({ kinds: JSON.stringify(kinds) }) as { due: number | null };
      return row.due ?? undefined;
    },
    async listDeliveries({ limit, state }) {
      const rows = state === undefined ? statements.listAll.all(limit) : statements.listInState.all(state, limit);
      return (rows as DeliveryRow[]).map(readDeliveryRow);
    },
    async addNotifyRow(resultKey, event, at) {
      statements.addNotifyRow.run(resultKey, event, at);
    },
    async claimNotifyRow(now, lockedUntil) {
      const row = statements.claimNotifyRow.get({ now, lockedUntil }) as NotifyQueueRow | undefined;
      return row && readNotifyQueueRow(row);
    },
    async finishNotifyRow(key, lockedUntil, deliveries, at) {
      return finishNotifyRow(key, lockedUntil, deliveries, at);
    },
    async retryNotifyRow(key, lockedUntil, retryAt) {
      statements.retryNotifyRow.run(retryAt, key, lockedUntil);
    },
    async findNextNotifyTime() {
      const row = statements.nextNotifyTime.get() as { due: number } | undefined;
      return row?.due;
    },
    async readBuilderAnnouncements() {
      const rows = statements.readAnnouncements.all() as Array<{ builder_key: string; state: string }>;
      return new Map(rows.map((row) => [row.builder_key, row.state]));
    },
    async writeBuilderAnnouncement(builderKey, state, at) {
      statements.writeAnnouncement.run(builderKey, state, at);
    },
  };
}
