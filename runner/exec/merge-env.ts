// Leaves the environment to spawn's default when nothing changes, which is the cheapest path.
export function mergeEnv(overrides: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv | undefined {
  if (overrides === undefined) return undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete env[name];
    } else {
      env[name] = value;
    }
  }
  return env;
}
