// The result file and the server reporter are consumers like the terminal, with one
// thing more: once the run has ended they know what came of delivering its result
// (the file written, the server's receipt, or why it failed), for runRecipe to print
// and to turn into the exit status.
import type { BuildEndEvent } from '../events.ts';
import type { RunEventConsumer } from './event-bus.ts';

export type DeliveryOutcome<Receipt> = { delivered: Receipt } | { failed: Error };

export interface ResultDelivery<Receipt> {
  /** The consumer to pass to runBuild; it delivers what `build:end` carries. */
  readonly consume: RunEventConsumer;
  /** Undefined until `build:end` was consumed, and after a run that skipped its steps. */
  readonly outcome: DeliveryOutcome<Receipt> | undefined;
}

/**
 * A consumer that delivers the result at `build:end` and holds the run until it is
 * delivered. A failure becomes its outcome instead of failing the run, so the terminal
 * still shows the build and the caller can keep the result another way.
 */
export function createResultDelivery<Receipt>(deliver: (end: BuildEndEvent) => Promise<Receipt>): ResultDelivery<Receipt> {
  let outcome: DeliveryOutcome<Receipt> | undefined;
  const settle = async (end: BuildEndEvent) => {
    try {
      outcome = { delivered: await deliver(end) };
    } catch (error) {
      outcome = { failed: error instanceof Error ? error : new Error(String(error)) };
    }
  };
  return {
    consume: (event) => (event.type === 'build:end' && event.skipReason === undefined ? settle(event) : undefined),
    get outcome() {
      return outcome;
    },
  };
}
