// zx's `$` inside a function step: every process it starts leads a process group of
// its own, so a timeout or Ctrl-C ends what it started too, as for command steps
// (zx's own abort signals only the direct child, leaving its children running).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { signalProcessTree } from '../exec/kill-tree.ts';
import { trackProcessTree, untrackProcessTree } from '../exec/live-trees.ts';

const killGraceMs = 3000;
const pollMs = 50;

export interface ProcessGroups {
  spawn: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  /** SIGTERM to every group still running, then SIGKILL to those left after a grace period. */
  terminateAll: () => Promise<void>;
  /** Stops tracking, leaving background processes of a finished step alone, as command steps do. */
  release: () => void;
}

export function createProcessGroups(): ProcessGroups {
  const started = new Set<number>();
  const release = () => {
    for (const pid of started) {
      untrackProcessTree(pid);
    }
    started.clear();
  };
  return {
    spawn(command, args, options) {
      const child = spawn(command, args, { ...options, detached: true });
      if (child.pid !== undefined) {
        started.add(child.pid);
        trackProcessTree(child.pid);
      }
      return child;
    },
    async terminateAll() {
      let alive = [...started].filter((pid) => signalProcessTree(pid, 'SIGTERM'));
      const deadline = Date.now() + killGraceMs;
      while (alive.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        alive = alive.filter((pid) => signalProcessTree(pid, 0 as unknown as NodeJS.Signals));
      }
      for (const pid of alive) {
        signalProcessTree(pid, 'SIGKILL');
      }
      release();
    },
    release,
  };
}
