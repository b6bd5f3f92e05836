// How a change to a result (a live build's step, output or end) made by one server instance
// reaches the followers of that result on every other instance sharing the store. Each instance
// announces its own changes to its own followers; this carries them to the others.

/** Told the key of a result that another instance changed. */
export type ResultChangeListener = (resultKey: number) => void;

export interface ResultChangeStore {
  /** Tells the other instances sharing this store that a result changed; this store's own listeners are not told. */
  publishResultChange(resultKey: number): Promise<void>;
  /**
   * Hears of the changes other instances publish, until the answer is called. Resolves once the
   * first attempt to listen is over, and rejects only on a closed store: while the database
   * cannot be reached it keeps trying, and followers re-read on their heartbeat meanwhile.
   */
  subscribeResultChanges(listener: ResultChangeListener): Promise<() => Promise<void>>;
}
