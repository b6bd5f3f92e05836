// A dependency chain: build a library from git, pack it, then build and test an application
// against that fresh package instead of the release on the registry, so a library change that
// breaks its users is caught before it is published.
//
//   CHAIN_LIBRARY_REPO=https://example.org/lib.git CHAIN_APP_REPO=https://example.org/app.git \
//     npx tsx recipes/build-dependency-chain.ts
//
// Settings (environment variables):
//   CHAIN_LIBRARY_REPO  git URL of the library (required)
//   CHAIN_LIBRARY_REF   its branch, tag or commit (default: its default branch)
//   CHAIN_APP_REPO      git URL of the application that depends on it (required)
//   CHAIN_APP_REF       its branch, tag or commit (default: its default branch)
//   CHAIN_PACKAGE_NAME  the package name results are filed under (default: `<app>-with-<library>`)
//
// Both repositories are checked out side by side into `library/` and `app/`. Steps run in the
// last checkout, `app/`, so the library's steps say `cwd: '../library'` (step cwds are
// relative to that directory). Steps: `library: install dependencies`, `library: npm run
// build`, `library: npm test`, `library: npm pack`, then `app: install dependencies`, `app:
// install the built library` (the packed .tgz, over whatever version the app's lockfile
// names), `app: npm run build`, `app: npm test`.
import { gitCheckout, tempDir } from '../contexts/index.ts';
import { setup } from '../runner/index.ts';
import { buildNpmPackage, installNpmDependencies, packNpmPackage, testNpmPackage } from './lib/npm-steps.ts';
import { getRepositoryName } from './lib/repository-name.ts';
import { runRecipeWithSettings } from './lib/run-recipe-with-settings.ts';

const library = { cwd: '../library', label: 'library' };
const app = { label: 'app' };

await runRecipeWithSettings((settings) => {
  const libraryUrl = settings.require('CHAIN_LIBRARY_REPO', 'the git URL of the library', 'https://example.org/library.git');
  const libraryRef = settings.readOptional('CHAIN_LIBRARY_REF', "the library's branch, tag or commit");
  const appUrl = settings.require('CHAIN_APP_REPO', 'the git URL of the application built against the library', 'https://example.org/app.git');
  const appRef = settings.readOptional('CHAIN_APP_REF', "the application's branch, tag or commit");
  const name = settings.readOptional('CHAIN_PACKAGE_NAME', 'the package name results are filed under (default: `<app>-with-<library>`)');
  const defaultName = libraryUrl === '' || appUrl === '' ? 'dependency-chain' : `${getRepositoryName(appUrl)}-with-${getRepositoryName(libraryUrl)}`;
  return {
    package: name ?? defaultName,
    contexts: [tempDir(), gitCheckout({ url: libraryUrl, ref: libraryRef, directory: 'library' }), gitCheckout({ url: appUrl, ref: appRef, directory: 'app' })],
    steps: [
      installNpmDependencies(library),
      buildNpmPackage(library),
      testNpmPackage(library),
      packNpmPackage(library),
      installNpmDependencies(app),
      // `--no-save` leaves the app's package.json and lockfile as committed; the glob finds
      // the one tarball `npm pack` just wrote, whatever the library's version.
      setup('npm install --no-save --no-audit --no-fund ../library/*.tgz', { shell: true, name: 'app: install the built library', timeout: 10 * 60 }),
      buildNpmPackage(app),
      testNpmPackage(app),
    ],
  };
});
