// Ctrl-C and SIGTERM become an aborted signal: the running step's process tree
// is killed, the contexts are left and the result is still reported. A second
// Ctrl-C means "now": the process exits at once.
export interface InterruptHandle {
  signal: AbortSignal;
  dispose: () => void;
}

export function watchForInterrupts(onFirst: (signalName: string) => void): InterruptHandle {
  const controller = new AbortController();
  const handle = (signalName: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.exit(130);
    }
    onFirst(signalName);
    controller.abort(new Error(`received ${signalName}`));
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
}
