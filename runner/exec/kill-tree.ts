// The command leads its own process group (spawned detached), so a negative pid reaches the
// command and everything it started that did not leave the group.
// Returns false when no process of the group is left to signal.
export function signalProcessTree(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    // ESRCH: the group is gone; EPERM: what is left is not ours to kill. Neither may crash the runner.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') return false;
    throw error;
  }
}
