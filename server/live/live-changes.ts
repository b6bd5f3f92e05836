// Who is following which result right now, so that a change to a live build reaches its
// followers (the result page's event stream) at once instead of at their next poll. This is
// one process's view: the coordinator announces here the changes this process makes, and those
// other server instances sharing the store publish through it (store.subscribeResultChanges).
// Followers also re-read on their heartbeat, which covers builds abandoned for silence, which
// no call announces, and any change a dropped database connection missed.

export interface LiveFollower {
  /** The result changed: read it again. */
  changed(): void;
  /** The server is closing: end the stream now. */
  ended(): void;
}

export interface LiveChanges {
  /** Starts telling `follower` about changes to one result; the answer stops it. */
  follow(resultKey: number, follower: LiveFollower): () => void;
  /** Tells the followers of one result that it changed. */
  announce(resultKey: number): void;
  /** Ends every follower; following after this ends the new follower at once. */
  endAll(): void;
}

export function createLiveChanges(): LiveChanges {
  const followers = new Map<number, Set<LiveFollower>>();
  let ended = false;
  return {
    follow(resultKey, follower) {
      if (ended) {
        follower.ended();
        return () => {};
      }
      const ofResult = followers.get(resultKey) ?? new Set();
      ofResult.add(follower);
      followers.set(resultKey, ofResult);
      return () => {
        ofResult.delete(follower);
        if (ofResult.size === 0 && followers.get(resultKey) === ofResult) {
          followers.delete(resultKey);
        }
      };
    },
    announce(resultKey) {
      for (const follower of [...(followers.get(resultKey) ?? [])]) {
        follower.changed();
      }
    },
    endAll() {
      ended = true;
      const all = [...followers.values()].flatMap((ofResult) => [...ofResult]);
      followers.clear();
      for (const follower of all) {
        follower.ended();
      }
    },
  };
}
