// Tasks that read and then write must not interleave with each other; a queue runs them one
// at a time without holding a lock across the store's awaits.

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
