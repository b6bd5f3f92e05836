// Where results the server did not acknowledge wait for the next run: one directory per
// user, shared by every recipe, so any run against the same server sends them.
import os from 'node:os';
import path from 'node:path';

export const spoolVariable = 'PONY_BUILD_SPOOL';

export function getSpoolDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env[spoolVariable] || path.join(os.homedir(), '.pony-build', 'spool');
}
