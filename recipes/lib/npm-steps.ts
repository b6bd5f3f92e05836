// The steps every npm project goes through, shared by the npm recipes. `cwd` is relative to
// the build directory (the last checkout), so a build of several repositories can point a step
// at a sibling checkout: `{ cwd: '../library' }`. `label` prefixes the step names so the
// summary tells the repositories apart.
import { build, packageStep, setup, test, type StepSpec } from '../../runner/index.ts';

export interface NpmStepOptions {
  cwd?: string;
  label?: string;
}

const minutes = 60;

// `npm ci` installs exactly the lockfile and fails when it disagrees with package.json, which
// is what a build should check; without a lockfile only `npm install` can work.
export function installNpmDependencies(options: NpmStepOptions = {}): StepSpec {
  return setup('if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then npm ci; else npm install; fi', {
    shell: true,
    name: nameStep('install dependencies', options),
    cwd: options.cwd,
    timeout: 30 * minutes,
  });
}

/** `--if-present`: a package without a build script has nothing to build, which is not a failure. */
export function buildNpmPackage(options: NpmStepOptions = {}): StepSpec {
  return build(['npm', 'run', 'build', '--if-present'], { name: nameStep('npm run build', options), cwd: options.cwd, timeout: 30 * minutes });
}

export function testNpmPackage(options: NpmStepOptions = {}): StepSpec {
  return test(['npm', 'test'], { name: nameStep('npm test', options), cwd: options.cwd, timeout: 60 * minutes });
}

/** Leaves `<name>-<version>.tgz` in the step's directory, exactly what `npm publish` would upload. */
export function packNpmPackage(options: NpmStepOptions = {}): StepSpec {
  return packageStep(['npm', 'pack'], { name: nameStep('npm pack', options), cwd: options.cwd, timeout: 10 * minutes });
}

function nameStep(name: string, options: NpmStepOptions): string {
  return options.label === undefined ? name : `${options.label}: ${name}`;
}
