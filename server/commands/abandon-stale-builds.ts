// A live build whose client stopped calling (killed, cut off) is given up on: once its last
// call is older than its allowance it becomes `abandoned`, keeps what it sent, and counts as a
// failure of its tagset. The state is written when someone looks (every coordinator read
// settles first), so no timer is needed and a test moves a fake clock instead of waiting.
import type { LivePolicy } from '../config/types.ts';
import { computeBuildAllowance } from '../rules/should-build.ts';
import type { Store } from '../store/types.ts';

/** Marks abandoned every running build whose last call is its allowance or more ago; answers how many. */
export async function abandonStaleBuilds(store: Store, policy: LivePolicy, now: number): Promise<number> {
  let abandoned = 0;
  for (const build of await store.listRunningBuilds()) {
    // The allowance of check_should_build: the tagset's last duration, else an hour, at most four.
    const allowance = policy.abandonAfterSeconds ?? computeBuildAllowance(0, build.lastFinishedDuration);
    if (now - build.lastActivityAt >= allowance && await store.abandonBuild(build.key, build.lastActivityAt)) {
      abandoned += 1;
    }
  }
  return abandoned;
}

/** One settling at a time: callers arriving while one runs wait for it instead of starting another. */
export function createBuildSettler(store: Store, policy: LivePolicy, now: () => number): () => Promise<number> {
  let settling: Promise<number> | undefined;
  return () => {
    settling ??= abandonStaleBuilds(store, policy, now()).finally(() => {
      settling = undefined;
    });
    return settling;
  };
}
