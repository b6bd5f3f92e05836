import { signalProcessTree } from './kill-tree.ts';

export type TerminationReason = 'timeout' | 'interrupted';

// How often to look whether a step's leftover processes are gone, within the kill grace.
const LEFTOVER_POLL_MS = 20;

// SIGTERM first so build tools can clean up (remove half-written files), SIGKILL for those that
// ignore it or take longer than the grace period.
export class TreeTerminator {
  readonly #pid: number;
  readonly #graceMs: number;
  #reason: TerminationReason | undefined;
  #graceTimer: NodeJS.Timeout | undefined;
  #wasForced = false;

  constructor(pid: number, graceMs: number) {
    this.#pid = pid;
    this.#graceMs = graceMs;
  }

  get reason(): TerminationReason | undefined {
    return this.#reason;
  }

  get wasForced(): boolean {
    return this.#wasForced;
  }

  terminate(reason: TerminationReason): void {
    if (this.#reason !== undefined || this.#wasForced) return;
    this.#reason = reason;
    signalProcessTree(this.#pid, 'SIGTERM');
    this.#graceTimer = setTimeout(() => this.kill(), this.#graceMs);
  }

  kill(): void {
    clearTimeout(this.#graceTimer);
    this.#wasForced = true;
    signalProcessTree(this.#pid, 'SIGKILL');
  }

  // Once the command itself is gone, whatever of its tree survived SIGTERM is killed at once:
  // the outcome must not arrive while parts of a killed step still run.
  finish(): void {
    clearTimeout(this.#graceTimer);
    if (this.#reason !== undefined && !this.#wasForced) signalProcessTree(this.#pid, 'SIGKILL');
  }

  /**
   * Ends what the command left running in its group after it exited on its own (`sleep 600 &`),
   * as GitHub Actions and Buildkite clean up orphans: SIGTERM, then SIGKILL for whatever is
   * still there after the grace period. Resolves to true when anything was left.
   */
  async endLeftovers(): Promise<boolean> {
    if (this.#reason !== undefined || !signalProcessTree(this.#pid, 'SIGTERM')) return false;
    const deadline = performance.now() + this.#graceMs;
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, LEFTOVER_POLL_MS));
      if (!signalProcessTree(this.#pid, 0)) return true;
    }
    signalProcessTree(this.#pid, 'SIGKILL');
    return true;
  }
}
