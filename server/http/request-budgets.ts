// A token bucket per client address: each address may spend `perMinute` requests at once and
// earns them back evenly over a minute. Memory stays bounded however many addresses call:
// addresses are kept in order of their last request, an address whose bucket has filled up
// again is the same as one never seen and is forgotten, and past `maxAddresses` the address
// idle longest is forgotten early.

interface Bucket {
  tokens: number;
  /** Unix seconds of the last request. */
  updatedAt: number;
}

export const DEFAULT_MAX_ADDRESSES = 10_000;

// Forgetting a few idle addresses per request keeps the cost of a request constant.
const IDLE_CHECKS_PER_REQUEST = 4;

export class RequestBudgets {
  readonly #perMinute: number;
  readonly #perSecond: number;
  readonly #maxAddresses: number;
  // A Map iterates in insertion order; re-inserting on every request makes the first entry the idlest.
  readonly #buckets = new Map<string, Bucket>();

  constructor(perMinute: number, maxAddresses = DEFAULT_MAX_ADDRESSES) {
    this.#perMinute = perMinute;
    this.#perSecond = perMinute / 60;
    this.#maxAddresses = maxAddresses;
  }

  /** Spends one request of the address's budget: 0 when it may be served, else the whole seconds until it may. */
  spend(address: string, now: number): number {
    const bucket = this.#buckets.get(address);
    const tokens = bucket === undefined ? this.#perMinute : this.#refill(bucket, now);
    this.#buckets.delete(address);
    const allowed = tokens >= 1;
    this.#buckets.set(address, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    this.#forgetIdle(now);
    return allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.#perSecond));
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.#buckets.size;
  }

  #refill(bucket: Bucket, now: number): number {
    // A clock that steps back earns nothing, rather than a negative amount.
    const earned = Math.max(0, now - bucket.updatedAt) * this.#perSecond;
    return Math.min(this.#perMinute, bucket.tokens + earned);
  }

  #forgetIdle(now: number): void {
    let checked = 0;
    for (const [address, bucket] of this.#buckets) {
      const isFull = this.#refill(bucket, now) >= this.#perMinute;
      if (!isFull && this.#buckets.size <= this.#maxAddresses) {
        return;
      }
      this.#buckets.delete(address);
      checked += 1;
      if (checked >= IDLE_CHECKS_PER_REQUEST && this.#buckets.size <= this.#maxAddresses) {
        return;
      }
    }
  }
}
