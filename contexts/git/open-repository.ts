// simple-git reads repository state (revision, subject, refs); the commands that change
// things run as recorded steps instead (see git-checkout.ts).
import { simpleGit, type SimpleGit } from 'simple-git';
import type { ContextScope } from '../../runner/context.ts';

// simple-git refuses to run at all when EDITOR, PAGER, GIT_SSH_COMMAND and the like are set
// (it treats them as ways to inject commands), and plenty of build machines set EDITOR. Reads
// of a local repository need none of them, so they get only what finds git and its config.
export function openRepository(directory: string, scope: ContextScope): SimpleGit {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const key of ['PATH', 'HOME', 'XDG_CONFIG_HOME']) {
    const value = scope.env[key];
    if (value !== undefined) {
      env[key] = value;
    }
  }
  return simpleGit({ baseDir: directory, abort: scope.signal }).env(env);
}
