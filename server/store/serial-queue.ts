// Tasks that read and then write must not interleave with others of the same name; a queue per
// name runs them one at a time, in call order, without holding a lock across the store's
// awaits. A name's queue is forgotten once it is idle, so names (one per tagset) do not pile up.

export type NamedSerialQueue = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export function createNamedSerialQueue(): NamedSerialQueue {
  const tails = new Map<string, Promise<void>>();
  return <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(name) ?? Promise.resolve()).then(task);
    const tail = run.then(() => {}, () => {});
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) {
        tails.delete(name);
      }
    });
    return run;
  };
}
