// `pony-build init`: a starter recipe for the project in this directory, and what makes
// `npx tsx recipes/build.ts` run there, whether the project is CommonJS or ESM.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCommandOptions, reportOptionsError } from './parse-command-options.ts';

const run = promisify(execFile);

const help = `Usage: pony-build init [--dir DIR] [--no-install]

Writes recipes/build.ts into the npm project in DIR (default: this directory):
a recipe that checks out the project's own git repository through pony-build's
clone cache, installs its dependencies, and runs \`npm test\`. In a CommonJS
project it also writes recipes/package.json ({"type": "module"}), so the recipe
runs as an ES module. Existing files are never overwritten.

Unless --no-install is given, it then runs
  npm install --save-dev tsx @types/node
when the project lacks them: tsx runs the recipe, @types/node lets the
project's own tsc check it.

Options:
  --dir DIR        the project's directory (default: .)
  --no-install     only write files; print the npm command instead of running it
  -h, --help       show this help

Then:
  npx tsx recipes/build.ts                      # build locally
  npx tsx recipes/build.ts --report URL         # and report to a server
`;

interface Project {
  directory: string;
  name: string;
  isModule: boolean;
  devTools: string[];
  repository: string;
  branch: string | undefined;
}

/** Thrown when the directory is not a project init can work in; the message says what to do. */
class InitError extends Error {
  override name = 'InitError';
}

const recipePath = path.join('recipes', 'build.ts');
const recipeManifestPath = path.join('recipes', 'package.json');
/** What the recipe needs in the project: tsx runs it, @types/node lets tsc check it. */
const neededDevTools = ['tsx', '@types/node'];

export async function runInitCommand(argv: string[]): Promise<number> {
  let directory: string;
  let install: boolean;
  try {
    const { values } = parseCommandOptions('init', argv, { dir: { type: 'string' }, 'no-install': { type: 'boolean' } });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    directory = path.resolve(values.dir ?? '.');
    install = !values['no-install'];
  } catch (error) {
    return reportOptionsError(error);
  }
  try {
    const project = await readProject(directory);
    const files = planFiles(project);
    const existing = files.filter((file) => existsSync(path.join(directory, file.path)));
    if (existing.length > 0) {
      throw new InitError(
        `${existing.map((file) => file.path).join(' and ')} already exist${existing.length === 1 ? 's' : ''} in ${directory}; ` +
          'not overwriting: move it away to write a fresh starter recipe',
      );
    }
    await mkdir(path.join(directory, 'recipes'), { recursive: true });
    for (const file of files) {
      await writeFile(path.join(directory, file.path), file.text, { flag: 'wx' });
      process.stdout.write(`wrote ${file.path}${file.why ? ` (${file.why})` : ''}\n`);
    }
    const missingTools = neededDevTools.filter((tool) => !project.devTools.includes(tool));
    if (missingTools.length > 0) {
      const command = ['npm', 'install', '--save-dev', ...missingTools];
      if (!install) {
        process.stdout.write(`The recipe needs ${missingTools.join(' and ')}: run\n  ${command.join(' ')}\n`);
      } else {
        process.stdout.write(`running ${command.join(' ')}\n`);
        await runNpmInstall(directory, command);
      }
    }
    process.stdout.write(
      `\nBuild it now:\n  npx tsx ${recipePath}\nReport to a server:\n  npx tsx ${recipePath} --report http://your-server:8080/\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof InitError) {
      process.stderr.write(`pony-build init: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function readProject(directory: string): Promise<Project> {
  const manifestFile = path.join(directory, 'package.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InitError(
      code === 'ENOENT'
        ? `no package.json in ${directory}: run \`npm init -y\` there first, or pass --dir`
        : `cannot read ${manifestFile}: ${(error as Error).message}`,
    );
  }
  const root = await readGit(directory, ['rev-parse', '--show-toplevel']).catch(() => {
    throw new InitError(`${directory} is not in a git repository: the recipe builds what is committed, so run \`git init\` and commit first`);
  });
  const origin = await readGit(directory, ['remote', 'get-url', 'origin']).catch(() => undefined);
  const head = await readGit(directory, ['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => undefined);
  const dependencies = { ...asRecord(manifest.dependencies), ...asRecord(manifest.devDependencies) };
  const name = typeof manifest.name === 'string' && manifest.name !== '' ? manifest.name : path.basename(directory);
  return {
    directory,
    // A scope's slash would make a second path segment in the server's package URLs.
    name: name.replace(/^@[^/]+\//, ''),
    isModule: manifest.type === 'module',
    devTools: Object.keys(dependencies),
    repository: origin ?? root,
    branch: head,
  };
}

interface PlannedFile {
  path: string;
  text: string;
  why?: string;
}

function planFiles(project: Project): PlannedFile[] {
  const files: PlannedFile[] = [{ path: recipePath, text: writeRecipe(project) }];
  if (!project.isModule) {
    files.push({
      path: recipeManifestPath,
      text: `${JSON.stringify({ type: 'module' }, null, 2)}\n`,
      why: 'recipes run as ES modules in this CommonJS project',
    });
  }
  return files;
}

function writeRecipe(project: Project): string {
  const ref = project.branch ? `\n  ref: process.env.PONY_BUILD_REF ?? ${JSON.stringify(project.branch)},` : '';
  return `// Builds ${project.name} from its git repository: a clean checkout (through pony-build's clone
// cache, so a rebuild fetches only what changed), then install and test.
//
//   npx tsx recipes/build.ts                  # build here; the result goes to ./pony-results
//   npx tsx recipes/build.ts --report URL     # ask the server first, then report to it
//   npx tsx recipes/build.ts --help           # every option
//
// PONY_BUILD_REPOSITORY and PONY_BUILD_REF build another clone or branch.
import { runRecipe, setup, test } from 'pony-build';
import { gitCheckout, tempDir } from 'pony-build/contexts';

const checkout = gitCheckout({
  url: process.env.PONY_BUILD_REPOSITORY ?? ${JSON.stringify(project.repository)},${ref}
});

void runRecipe({
  package: ${JSON.stringify(project.name)},
  contexts: [tempDir(), checkout],
  steps: [
    // \`npm ci\` installs exactly the lockfile; without one, only \`npm install\` can work.
    setup('if [ -f package-lock.json ]; then npm ci; else npm install; fi', { name: 'install dependencies', shell: true }),
    test(['npm', 'test'], { name: 'npm test' }),
  ],
});
`;
}

async function readGit(directory: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: directory, timeout: 30_000 });
  const text = stdout.trim();
  if (text === '') {
    throw new Error(`git ${args.join(' ')} printed nothing`);
  }
  return text;
}

async function runNpmInstall(directory: string, command: string[]): Promise<void> {
  try {
    await run(command[0]!, command.slice(1), { cwd: directory, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join('\n') ?? '';
    throw new InitError(`\`${command.join(' ')}\` failed; run it yourself to see why${output ? `:\n${output}` : ''}`);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

