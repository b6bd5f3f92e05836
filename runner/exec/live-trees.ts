import { signalProcessTree } from './kill-tree.ts';

const liveTrees = new Set<number>();
let isExitHookInstalled = false;

// Commands run in their own process group and would outlive a runner that exits early
// (process.exit in a recipe, an uncaught error), so the runner kills what it still owns on exit.
export function trackProcessTree(pid: number): void {
  if (!isExitHookInstalled) {
    process.on('exit', killLiveTrees);
    isExitHookInstalled = true;
  }
  liveTrees.add(pid);
}

export function untrackProcessTree(pid: number): void {
  liveTrees.delete(pid);
}

function killLiveTrees(): void {
  for (const pid of liveTrees) signalProcessTree(pid, 'SIGKILL');
  liveTrees.clear();
}
