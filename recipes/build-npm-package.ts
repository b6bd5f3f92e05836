// Builds any npm package from git: install its dependencies, build, test, pack. The build
// runs in a node sandbox, so tools it needs beyond its own dependencies (a global CLI it
// expects on PATH) are named and installed rather than taken from the build machine.
//
//   NPM_PACKAGE_REPO=https://github.com/sindresorhus/slugify.git npx tsx recipes/build-npm-package.ts
//
// Settings (environment variables):
//   NPM_PACKAGE_REPO          git URL of the package (required)
//   NPM_PACKAGE_REF           branch, tag or commit (default: the repository's default branch)
//   NPM_PACKAGE_NAME          the package name results are filed under (default: the
//                             repository's name, `slugify` above)
//   NPM_PACKAGE_SANDBOX_DEPS  npm specs installed into the sandbox, comma-separated (optional)
//
// Steps: the checkout and sandbox installs (setup), `install dependencies` (setup: `npm ci`
// with a lockfile, else `npm install`), `npm run build` (build, skipped by npm when there is
// no build script), `npm test` (test), `npm pack` (package: the .tgz is left in the checkout).
import { gitCheckout, nodeSandbox, tempDir } from '../contexts/index.ts';
import { buildNpmPackage, installNpmDependencies, packNpmPackage, testNpmPackage } from './lib/npm-steps.ts';
import { getRepositoryName } from './lib/repository-name.ts';
import { runRecipeWithSettings } from './lib/run-recipe-with-settings.ts';

await runRecipeWithSettings((settings) => {
  const url = settings.require('NPM_PACKAGE_REPO', 'the git URL of the npm package to build', 'https://github.com/sindresorhus/slugify.git');
  const ref = settings.readOptional('NPM_PACKAGE_REF', 'the branch, tag or commit to build');
  const name = settings.readOptional('NPM_PACKAGE_NAME', "the package name results are filed under (default: the repository's name)");
  const sandboxDependencies = settings.readList('NPM_PACKAGE_SANDBOX_DEPS', 'npm specs to install into the sandbox, comma-separated', ',');
  return {
    package: name ?? (url === '' ? 'npm-package' : getRepositoryName(url)),
    contexts: [tempDir(), gitCheckout({ url, ref }), nodeSandbox({ dependencies: sandboxDependencies })],
    steps: [installNpmDependencies(), buildNpmPackage(), testNpmPackage(), packNpmPackage()],
  };
});
