// PLACEHOLDER until ported from the SQLite module.
import type { DeliveryStore } from '../notify/delivery-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';

export function createPostgresDeliveries(database: PostgresDatabase): DeliveryStore {
  void database;
  return {} as DeliveryStore;
}
