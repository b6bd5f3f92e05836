// The background worker of the delivery queue: one loop works the request path's notify rows out
// into deliveries (fan-out-notifications.ts); a bounded number of loops claim due deliveries with
// a lease, hand each to its kind's handler, and record the attempt (delivered, retried later, or
// failed for good). Each loop sleeps until its next row is due, or until it is woken. Between two
// pieces of work a loop yields to requests (request-pacer.ts): the store is synchronous, and
// submissions must not queue up behind the worker.
import { setImmediate } from 'node:timers/promises';
import type { DeliveryPolicy } from '../config/notify-config-types.ts';
import type { DeliveryAttempt, DeliveryHandler, DeliveryRecord, DeliveryStore, HandlerAnswer } from './delivery-types.ts';
import type { NotifyFanOut } from './fan-out-notifications.ts';
import { findRetryDelay } from './retry-delay.ts';

export interface DeliveryWorkerOptions {
  store: DeliveryStore;
  policy: DeliveryPolicy;
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
  /** Deliveries sent at the same time, so one slow receiver does not hold up the others. Default 4. */
  concurrency?: number;
  /** Seconds between two looks at the queue when nothing was said to be due: other processes may queue too. Default 30. */
  pollSeconds?: number;
  /** Called about every `policy.builderCheckSeconds`, between deliveries; its errors are logged. */
  periodic?: () => Promise<void>;
  /** Works the notify rows out into deliveries, in a loop of its own. */
  fanOut?: NotifyFanOut;
  /** Resolves when the next piece of work may begin. Default: once waiting I/O has had its turn. */
  pace?: () => Promise<void>;
}

export interface DeliveryWorker {
  /** Gives deliveries of `kind` to `handler` from now on; one handler per kind. */
  registerHandler(kind: string, handler: DeliveryHandler): void;
  /** Begins working; a worker started twice works once. */
  start(): void;
  /** Deliveries were queued: look at the queue now instead of at the next due time. */
  wake(): void;
  /** A notify row was queued: work it out now. */
  wakeFanOut(): void;
  /** Stops claiming, waits up to `graceMs` for the deliveries in hand, then aborts them (they are retried after restart). */
  stop(graceMs?: number): Promise<void>;
}

// A lease outlives the longest attempt, so a live worker never loses its row to another process.
const LEASE_MARGIN_SECONDS = 30;
const DEFAULT_STOP_GRACE_MS = 5000;

/** A worker over the store; it does nothing until start(). */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, policy, now, log } = options;
  const handlers = new Map<string, DeliveryHandler>();
  const concurrency = options.concurrency ?? 4;
  const pollSeconds = options.pollSeconds ?? 30;
  const abort = new AbortController();
  let running = false;
  let stopped = false;
  let loops: Promise<void>[] = [];
  let nextPeriodicAt = 0;
  const deliveryAlarm = createAlarm(pollSeconds);
  const fanOutAlarm = createAlarm(pollSeconds);
  const wake = deliveryAlarm.ring;
  const pace = options.pace ?? (() => setImmediate());

  const attempt = async (delivery: DeliveryRecord, handler: DeliveryHandler, lockedUntil: number) => {
    const started = performance.now();
    let answer: HandlerAnswer;
    try {
      answer = await handler(delivery, abort.signal);
    } catch (error) {
      answer = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    const responseMs = Math.round((performance.now() - started) * 10) / 10;
    const outcome = judgeAttempt(delivery, answer, responseMs, now(), policy, abort.signal.aborted);
    const recorded = await store.finishDeliveryAttempt(delivery.key, lockedUntil, outcome);
    if (!recorded) {
      log(`delivery ${delivery.id} (${delivery.kind} to ${delivery.target}): its lease ran out before the attempt ended; another worker retries it`);
    } else if (outcome.state === 'failed') {
      log(`delivery ${delivery.id} (${delivery.kind} to ${delivery.target}) failed after ${delivery.attempts} attempts: ${outcome.lastError}`);
    }
  };

  const runPeriodic = async () => {
    if (!options.periodic || now() < nextPeriodicAt) {
      return;
    }
    nextPeriodicAt = now() + policy.builderCheckSeconds;
    try {
      await options.periodic();
    } catch (error) {
      log(`checking expected builders failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // Paces, does a piece of work while there is one, and otherwise sleeps until the next is due
  // or the alarm rings; a failure is logged and tried again after a poll.
  const runLoop = async (alarm: Alarm, what: string, work: () => Promise<boolean>, secondsUntilDue: () => Promise<number>) => {
    while (!stopped) {
      const ringsBefore = alarm.rings();
      try {
        await pace();
        if (stopped) {
          return;
        }
        if (await work()) {
          continue;
        }
        if (stopped || alarm.rings() !== ringsBefore) {
          continue;
        }
        await alarm.sleep(await secondsUntilDue());
      } catch (error) {
        if (stopped) {
          return;
        }
        log(`${what} failed: ${error instanceof Error ? error.message : String(error)}; it tries again in ${pollSeconds} s`);
        await alarm.sleep(pollSeconds);
      }
    }
  };

  const fanOutLoop = (fanOut: NotifyFanOut) => runLoop(fanOutAlarm, 'working out notifications', () => fanOut.fanOutNext(), async () => {
    const due = await fanOut.findNextTime();
    return due === undefined ? pollSeconds : due - now();
  });

  const deliveryLoop = (index: number) => runLoop(deliveryAlarm, 'the delivery worker', async () => {
    if (index === 0) {
      await runPeriodic();
    }
    const kinds = [...handlers.keys()];
    const at = now();
    const lockedUntil = at + policy.timeoutSeconds + LEASE_MARGIN_SECONDS;
    const delivery = kinds.length === 0 ? undefined : await store.claimDelivery(kinds, at, lockedUntil);
    if (!delivery) {
      return false;
    }
    await attempt(delivery, handlers.get(delivery.kind)!, lockedUntil);
    return true;
  }, async () => {
    const kinds = [...handlers.keys()];
    const due = kinds.length === 0 ? undefined : await store.findNextDeliveryTime(kinds);
    const untilPeriodic = options.periodic && index === 0 ? nextPeriodicAt - now() : pollSeconds;
    return Math.min(due === undefined ? pollSeconds : due - now(), untilPeriodic);
  });

  return {
    registerHandler(kind, handler) {
      if (handlers.has(kind)) {
        throw new Error(`A handler for deliveries of kind ${JSON.stringify(kind)} is registered already`);
      }
      handlers.set(kind, handler);
      wake();
    },
    start() {
      if (running || stopped) {
        return;
      }
      running = true;
      loops = Array.from({ length: concurrency }, (_, index) => deliveryLoop(index));
      if (options.fanOut) {
        loops.push(fanOutLoop(options.fanOut));
      }
    },
    wake,
    wakeFanOut: fanOutAlarm.ring,
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      stopped = true;
      wake();
      fanOutAlarm.ring();
      const timer = setTimeout(() => abort.abort(new Error('the server closed during the delivery')), graceMs);
      try {
        await Promise.all(loops);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Sleeps cut short by ring(); rings() counts the rings, so a loop that was busy when one came looks again instead of sleeping. */
interface Alarm {
  rings(): number;
  ring(): void;
  sleep(seconds: number): Promise<void>;
}

function createAlarm(maxSleepSeconds: number): Alarm {
  let sleepers: Array<() => void> = [];
  let rings = 0;
  return {
    rings: () => rings,
    ring() {
      rings += 1;
      const waiting = sleepers;
      sleepers = [];
      for (const resume of waiting) {
        resume();
      }
    },
    sleep: (seconds: number) => new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, Math.min(seconds, maxSleepSeconds)) * 1000);
      function done() {
        clearTimeout(timer);
        sleepers = sleepers.filter((resume) => resume !== done);
        resolve();
      }
      sleepers.push(done);
    }),
  };
}

/** What an attempt comes to: delivered, retried after the policy's delay, or failed once the attempts run out. */
export function judgeAttempt(
  delivery: DeliveryRecord,
  answer: HandlerAnswer,
  responseMs: number,
  at: number,
  policy: DeliveryPolicy,
  closing: boolean,
): DeliveryAttempt {
  const last = { lastStatus: answer.status, lastResponseMs: responseMs, lastError: answer.ok ? null : answer.error ?? 'failed' };
  if (answer.ok) {
    return { state: 'delivered', nextAttemptAt: at, ...last };
  }
  if (closing) {
    // Cut short by the server closing, not refused by the receiver: tried again as soon as a server runs.
    return { state: 'pending', nextAttemptAt: at, ...last };
  }
  if (delivery.attempts >= policy.maxAttempts || answer.giveUp === true) {
    return { state: 'failed', nextAttemptAt: at, ...last };
  }
  return { state: 'pending', nextAttemptAt: at + findRetryDelay(policy, delivery.attempts), ...last };
}
