// A sandbox changes a few variables for the steps inside it and must hand the
// environment back exactly as it found it, including variables that were unset.
import path from 'node:path';

/**
 * Applies `changes` to `env` and returns the function that undoes them. An
 * `undefined` change keeps the key with no value, because the runner merges
 * the environment over the process's and only an explicit `undefined` unsets.
 */
export function changeEnvironment(env: Record<string, string | undefined>, changes: Record<string, string | undefined>): () => void {
  const previous = Object.keys(changes).map((name) => ({ name, present: Object.hasOwn(env, name), value: env[name] }));
  Object.assign(env, changes);
  return () => {
    for (const { name, present, value } of previous) {
      if (present) {
        env[name] = value;
      } else {
        delete env[name];
      }
    }
  };
}

/** `directory` first, then the existing search path, if any. */
export function prependSearchPath(directory: string, current: string | undefined): string {
  return current ? `${directory}${path.delimiter}${current}` : directory;
}
