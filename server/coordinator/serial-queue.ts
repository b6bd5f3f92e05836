// Deciding whether to build reads, then writes (consume a request, reserve). Two clients
// asking at once must not both be told "yes", so decisions run one at a time.

export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/** Returns a function that runs tasks one after another, in call order. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
