// When a failed delivery is tried again: each failure waits longer, as the configuration lists.
import type { DeliveryPolicy } from '../config/notify-config-types.ts';

/** Seconds to wait after the `attempts`-th failed attempt (1 for the first); the list's last delay repeats. */
export function findRetryDelay(policy: DeliveryPolicy, attempts: number): number {
  const delays = policy.retryDelaysSeconds;
  return delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 0;
}
