// A new user's first minutes, as README's "Use it in your project" tells them: the packed
// tarball installed into a fresh CommonJS project with a strict TypeScript config, then
// `init`, the recipe run locally and against a real server, and the project's own tsc.
// The commands come from the README itself, so the section cannot drift from what works.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { startServer } from '../../server/index.ts';
import { projectRoot } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const run = promisify(execFile);
const placeholderServer = 'http://ci.example.org:8080/';

/** The shell lines of the first code block under the heading, without comments. */
function readReadmeCommands(heading: string): string[] {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) {
    throw new Error(`README.md has no "## ${heading}" section`);
  }
  const block = /```(?:sh|bash)\n([\s\S]*?)```/.exec(section);
  if (!block) {
    throw new Error(`README.md's "${heading}" section has no shell block`);
  }
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function makeUserProject(directory: string): Promise<void> {
  await run('npm', ['init', '-y'], { cwd: directory });
  const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as Record<string, unknown>;
  manifest.scripts = { test: 'node --test' };
  writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(directory, 'math.test.js'), "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => assert.equal(1 + 1, 2));\n");
  writeFileSync(
    path.join(directory, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true }, include: ['recipes'] }, null, 2),
  );
  writeFileSync(path.join(directory, '.gitignore'), 'node_modules/\npony-results/\n');
  await run('git', ['init', '-q', '-b', 'main'], { cwd: directory });
  await run('git', ['add', '.'], { cwd: directory });
  await run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'a project'], { cwd: directory });
}

test('README: a fresh project installs the tarball, runs init, builds locally and to a server, and type-checks', async (t) => {
  t.timeout(15 * 60_000, 'npm installs better-sqlite3 from source');
  const workspace = makeTempDir(t);
  const { stdout: packed } = await run('npm', ['pack', '--silent', '--pack-destination', workspace, projectRoot], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
  const tarball = path.join(workspace, packed.trim().split('\n').at(-1)!);
  t.true(existsSync(tarball), packed);

  const project = path.join(workspace, 'my-project');
  await run('mkdir', [project]);
  await makeUserProject(project);
  const server = await startServer({ port: 0, db: path.join(workspace, 'results.db') });
  t.teardown(() => server.close());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    PONY_BUILD_SERVER: undefined,
    PONY_BUILD_CACHE: path.join(workspace, 'cache'),
    // Everything but the tarball is already in npm's cache from our own install.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  // The project is a TypeScript project of its own, so its tsc is there for the last line.
  const typescript = await runShell('npm install --save-dev typescript', project, env);
  t.is(typescript.code, 0, typescript.output);

  const commands = readReadmeCommands('Use it in your project');
  t.true(commands.includes('npx pony-build init'), commands.join('\n'));
  for (const command of commands.filter((line) => !line.startsWith('cd '))) {
    const actual = command.replace(/(npm install --save-dev) pony-build$/, `$1 ${tarball}`).replace(placeholderServer, server.url);
    const result = await runShell(actual, project, env);
    t.is(result.code, 0, `${actual}\n${result.output}`);
    if (command === 'npx pony-build init') {
      t.regex(result.output, /wrote recipes\/build\.ts/);
      t.regex(result.output, /wrote recipes\/package\.json/);
    } else if (command.includes('--report')) {
      t.regex(result.output, /Result reported: http:\/\/127\.0\.0\.1:\d+\/results\/\d+/);
    } else if (command.startsWith('npx tsx recipes/build.ts')) {
      t.regex(result.output, /PASS.*npm test/);
      t.is(readdirSync(path.join(project, 'pony-results')).length, 1);
    }
  }
  t.true(commands.some((line) => line.includes('--report')), 'the section shows reporting to a server');
  t.true(commands.some((line) => line.startsWith('npx tsc')), "the section shows the project's own type check");

  const again = await runShell('npx pony-build init', project, env);
  t.is(again.code, 1);
  t.regex(again.output, /recipes\/build\.ts and recipes\/package\.json already exist .*not overwriting/);
});
