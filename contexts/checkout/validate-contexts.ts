// Context mistakes found before anything runs and reported together with the same error the
// steps' mistakes use, so a recipe with a bad step and a bad checkout is fixed in one pass.
import { RecipeError, type BuildContext } from '../../runner/index.ts';

export function findContextProblems(contexts: readonly BuildContext[]): string[] {
  return contexts.flatMap((context) => context.findProblems?.(contexts) ?? []);
}

/** Throws a `RecipeError` listing every problem: bad options, two checkouts into one directory. */
export function validateContexts(contexts: readonly BuildContext[]): void {
  const problems = findContextProblems(contexts);
  if (problems.length > 0) {
    throw new RecipeError(problems);
  }
}
