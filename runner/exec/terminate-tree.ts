import { signalProcessTree } from './kill-tree.ts';

export type TerminationReason = 'timeout' | 'interrupted';

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
}
