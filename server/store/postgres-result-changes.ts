// Result changes across the server instances sharing one PostgreSQL database: each change is a
// NOTIFY on one channel, and each instance LISTENs on a connection of its own. A notification
// carries the id of the store that sent it, so an instance skips its own (it announced them to
// its followers already) and hears everyone else's. NOTIFY is best effort for followers: what a
// dropped connection misses before it listens again, their heartbeat reads anyway.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PostgresDatabase } from './postgres-database.ts';
import type { ResultChangeListener, ResultChangeStore } from './result-change-types.ts';

const CHANNEL = 'pony_build_result_changes';

// After a lost connection the next try waits this long, doubling up to the most.
const FIRST_RETRY_MS = 250;
const MOST_RETRY_MS = 10_000;

export interface PostgresResultChanges {
  changes: ResultChangeStore;
  /** Ends listening for good (and gives back its connection), before the pool closes. */
  stopListening(): Promise<void>;
}

export function createPostgresResultChanges(database: PostgresDatabase): PostgresResultChanges {
  const instanceId = randomUUID();
  const listeners = new Set<ResultChangeListener>();
  let stopped = false;
  // Each start of listening is one generation; a stop moves on, so an attempt still connecting
  // finds itself outdated and gives its connection back instead of listening.
  let generation = 0;
  let attempt: Promise<void> | undefined;
  // Gives back the connection listening now, if any.
  let giveBackListening: (() => void) | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;

  const hear = (message: pg.Notification) => {
    if (message.channel !== CHANNEL || message.payload === undefined) {
      return;
    }
    const [sender, key] = message.payload.split(' ');
    const resultKey = Number(key);
    if (sender === instanceId || !Number.isSafeInteger(resultKey)) {
      return;
    }
    for (const listener of [...listeners]) {
      listener(resultKey);
    }
  };

  const wanted = (mine: number) => !stopped && listeners.size > 0 && generation === mine;

  // A connection that stays checked out of the pool for as long as this store listens: a
  // LISTEN belongs to its session, so the pool's shared connections cannot carry it.
  const listen = async (mine: number): Promise<void> => {
    let client: pg.PoolClient;
    try {
      client = await database.connect();
    } catch {
      retryLater(mine);
      return;
    }
    if (!wanted(mine)) {
      client.release(true);
      return;
    }
    let givenBack = false;
    const giveBack = (error?: Error): boolean => {
      if (givenBack) {
        return false;
      }
      givenBack = true;
      client.removeListener('notification', hear);
      if (giveBackListening === listening) {
        giveBackListening = undefined;
      }
      // Never back into the pool: the session may still be listening, or be broken.
      client.release(error ?? true);
      return true;
    };
    const listening = () => void giveBack();
    const lose = (error?: Error) => {
      if (giveBack(error)) {
        retryLater(mine);
      }
    };
    // Without an error listener, a connection the server ends would throw in the process.
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', hear);
    try {
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lose(error as Error);
      return;
    }
    if (givenBack) {
      return;
    }
    if (!wanted(mine)) {
      giveBack();
      return;
    }
    giveBackListening = listening;
    retryMs = FIRST_RETRY_MS;
  };

  const startListening = (): Promise<void> => {
    attempt ??= listen(generation);
    return attempt;
  };

  const retryLater = (mine: number) => {
    if (generation !== mine) {
      return;
    }
    attempt = undefined;
    if (!wanted(mine) || retryTimer !== undefined) {
      return;
    }
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (wanted(mine)) {
        void startListening();
      }
    }, retryMs);
    // A store that is never closed must not hold the process open just to retry.
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, MOST_RETRY_MS);
  };

  const endListening = async (): Promise<void> => {
    generation += 1;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    // An attempt still connecting is of the generation just ended: it gives its connection back itself.
    const inFlight = attempt;
    attempt = undefined;
    giveBackListening?.();
    await inFlight;
  };

  return {
    changes: {
      async publishResultChange(resultKey) {
        await database.one('SELECT pg_notify($1, $2)', [CHANNEL, `${instanceId} ${resultKey}`]);
      },
      async subscribeResultChanges(listener) {
        if (stopped) {
          throw new Error('cannot hear result changes: the PostgreSQL store is closed');
        }
        listeners.add(listener);
        await startListening();
        return async () => {
          listeners.delete(listener);
          if (listeners.size === 0) {
            await endListening();
          }
        };
      },
    },
    async stopListening() {
      stopped = true;
      listeners.clear();
      await endListening();
    },
  };
}
