// Result changes in the SQLite store: nothing to carry. A SQLite file is served by one server
// process, which announces each of its changes to its own followers already; there is no other
// instance to tell, nor any to hear from.
import type { ResultChangeStore } from './result-change-types.ts';

export function createSqliteResultChanges(): ResultChangeStore {
  return {
    async publishResultChange() {},
    async subscribeResultChanges() {
      return async () => {};
    },
  };
}
