// Fans one run's events out to its consumers. A consumer that returns a promise
// (the terminal waiting for stdout to drain, the server reporter waiting for its
// answer) holds the producer back, which is what keeps memory flat when a step
// prints gigabytes.
import type { RunEvent } from '../events.ts';

/**
 * What every reader of a run implements: the terminal, the result file, the server
 * reporter, a test's recorder. runBuild calls each consumer with each event in order.
 */
export type RunEventConsumer = (event: RunEvent) => void | Promise<void>;
export type EmitRunEvent = (event: RunEvent) => void | Promise<void>;

export function createEventBus(consumers: readonly RunEventConsumer[]): EmitRunEvent {
  return (event) => {
    let pending: Promise<void>[] | undefined;
    for (const consume of consumers) {
      const result = consume(event);
      if (result) {
        (pending ??= []).push(result);
      }
    }
    // No allocation on the common path where every consumer is synchronous.
    return pending && Promise.all(pending).then(() => undefined);
  };
}
