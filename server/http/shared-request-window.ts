// Requests per address counted in fixed one-minute windows in the store every server instance
// shares, so that a client spreading its requests over several instances behind a load balancer
// gets the same budget as one calling a single server. A window is a minute of the clock
// (Unix seconds / 60); its count only grows, and starts again at the next minute. Unlike the
// token bucket of one process (request-budgets.ts), a client may send a minute's worth at the
// end of one window and again at the start of the next: the price of one atomic counter per
// address and minute instead of a bucket that every instance would have to read and write.
import type { SharedRequestCounts } from '../store/request-count-types.ts';

export class SharedRequestWindow {
  readonly #counts: SharedRequestCounts;
  readonly #perMinute: number;
  // Addresses this instance has seen past the limit in the current minute: a flood from one of
  // them is refused here without a write to the store, since the window's count cannot go down.
  #refused = new Set<string>();
  #refusedMinute = Number.NEGATIVE_INFINITY;

  constructor(counts: SharedRequestCounts, perMinute: number) {
    this.#counts = counts;
    this.#perMinute = perMinute;
  }

  /** Spends one request of the address's minute: 0 when it may be served, else the whole seconds until the next minute. */
  async spend(address: string, now: number): Promise<number> {
    const minute = Math.floor(now / 60);
    if (minute !== this.#refusedMinute) {
      this.#refused = new Set();
      this.#refusedMinute = minute;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((minute + 1) * 60 - now));
    if (this.#refused.has(address)) {
      return retryAfterSeconds;
    }
    const count = await this.#counts.countRequest(address, minute);
    if (count <= this.#perMinute) {
      return 0;
    }
    if (minute === this.#refusedMinute) {
      this.#refused.add(address);
    }
    return retryAfterSeconds;
  }
}
