// pony-build building itself: clone, `npm ci`, `npm test` (the type check and every test).
// Needs git, Node.js and npm with access to the registry.
//
//   npx tsx recipes/build-pony-build.ts                  # builds this very repository
//   PONY_BUILD_REPO=https://example.org/pony-build.git npx tsx recipes/build-pony-build.ts
//
// Settings (environment variables):
//   PONY_BUILD_REPO  git URL to clone (default: the repository this recipe is in, as a
//                    file:// URL, so its committed state is what gets built)
//   PONY_BUILD_REF   branch, tag or commit (default: the repository's default branch)
//
// Steps: the checkout (setup), `npm ci` (setup), `npm test` (test, up to an hour).
import { gitCheckout, tempDir } from '../contexts/index.ts';
import { setup, test } from '../runner/index.ts';
import { getProjectRepositoryUrl } from './lib/project-repository.ts';
import { runRecipeWithSettings } from './lib/run-recipe-with-settings.ts';

await runRecipeWithSettings((settings) => {
  const url = settings.read('PONY_BUILD_REPO', 'the git URL of pony-build', getProjectRepositoryUrl());
  const ref = settings.readOptional('PONY_BUILD_REF', 'the branch, tag or commit to build');
  return {
    package: 'pony-build',
    contexts: [tempDir(), gitCheckout({ url, ref, directory: 'pony-build' })],
    steps: [
      // `npm ci` rather than `npm install`: a lockfile out of step with package.json fails the build.
      setup(['npm', 'ci', '--no-audit', '--no-fund'], { name: 'npm ci', timeout: 30 * 60 }),
      test(['npm', 'test'], { name: 'npm test', timeout: 60 * 60 }),
    ],
  };
});
