import type { BuildContext } from '../../runner/context.ts';

export interface Probe {
  context: BuildContext;
  /** The variables as the probe saw them when entering and when leaving. */
  seen: { phase: 'enter' | 'exit'; values: Record<string, string | undefined> }[];
}

/** A context placed outside a sandbox, to see the environment before it and after it was left. */
export function probeEnvironment(names: string[]): Probe {
  const seen: Probe['seen'] = [];
  const record = (phase: 'enter' | 'exit', env: Record<string, string | undefined>) =>
    seen.push({ phase, values: Object.fromEntries(names.map((name) => [name, env[name]])) });
  return {
    seen,
    context: {
      name: 'probe',
      async enter(scope) {
        record('enter', scope.env);
      },
      async exit(scope) {
        record('exit', scope.env);
      },
    },
  };
}
