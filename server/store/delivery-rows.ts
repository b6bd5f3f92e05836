// The delivery queue's rows as both stores read them, and how each becomes a record: the SQLite
// and PostgreSQL stores answer alike because they share these.
import type { DeliveryRecord, DeliveryState, NotifyEvent, NotifyRow } from '../notify/delivery-types.ts';

export interface NotifyQueueRow {
  id: number;
  result_key: number;
  event: NotifyEvent;
  attempts: number;
}

export interface DeliveryRow {
  id: number;
  delivery_id: string;
  kind: string;
  target: string;
  event: string;
  payload: string;
  state: DeliveryState;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  locked_until: number | null;
  last_status: number | null;
  last_response_ms: number | null;
  last_error: string | null;
}

export function readNotifyQueueRow(row: NotifyQueueRow): NotifyRow {
  return { key: row.id, resultKey: row.result_key, event: row.event, attempts: row.attempts };
}

export function readDeliveryRow(row: DeliveryRow): DeliveryRecord {
  return {
    key: row.id,
    id: row.delivery_id,
    kind: row.kind,
    target: row.target,
    event: row.event,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    lockedUntil: row.locked_until,
    lastStatus: row.last_status,
    lastResponseMs: row.last_response_ms,
    lastError: row.last_error,
  };
}
