// Reads of repository state (revision, subject, refs) and the odd line of local config: they
// print nothing worth a step, so they run through the runner's readCommandOutput, with its
// timeout, instead of being recorded. The commands that change things run as recorded steps
// (see git-checkout.ts).
import { CommandReadError, readCommandOutput, type ContextScope } from '../../runner/index.ts';
import { GIT_STEP_ENV } from './git-step-env.ts';

/** Runs `git <args>` in `directory` and resolves to what it printed, trimmed. */
export function readGit(scope: ContextScope, directory: string, args: string[]): Promise<string> {
  // LC_ALL=C keeps git's answers in the words this code parses, whatever the machine's language.
  return readCommandOutput(['git', ...args], { cwd: directory, env: { ...scope.env, ...GIT_STEP_ENV, LC_ALL: 'C' }, signal: scope.signal });
}

/** True when git ran and said no (an unknown ref, not a repository), as opposed to timing out or being interrupted. */
export function isGitRefusal(error: unknown): boolean {
  return error instanceof CommandReadError && error.termination === undefined;
}
