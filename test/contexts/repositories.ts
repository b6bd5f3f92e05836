// Real, tiny repositories made per test: git, svn and hg, each with the same history so the
// tests read alike. `file` says which revision is checked out.
//   first   file=one      (git: tag v1 and branch `feature` start here; hg: tag v1)
//   feature file=feature  (git: on branch `feature` only)
//   second  file=two      (the default branch's tip)
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { makeTempDir } from '../helpers/temp.ts';

const runFile = promisify(execFile);

const gitIdentity = ['-c', 'user.name=Pony Test', '-c', 'user.email=pony@example.org', '-c', 'init.defaultBranch=main'];
const hgIdentity = ['--config', 'ui.username=Pony Test <pony@example.org>'];

async function run(command: string[], cwd: string): Promise<string> {
  const [file, ...args] = command;
  const { stdout } = await runFile(file, args, { cwd, env: { ...process.env, HGPLAIN: '1', LC_ALL: 'C' } });
  return stdout.trim();
}

export interface SourceRepository {
  /** The file:// URL a checkout is given. */
  url: string;
  directory: string;
  /** Revisions by commit name: git and hg full ids, svn revision numbers. */
  revisions: Record<string, string>;
  /** Adds a commit on the default branch with `file` set to `content`; returns its revision. */
  commit(name: string, content: string): Promise<string>;
}

export async function makeGitRepository(t: ExecutionContext): Promise<SourceRepository> {
  const directory = path.join(makeTempDir(t, 'pony-test-git-'), 'hello.git');
  mkdirSync(directory);
  const git = (...args: string[]) => run(['git', ...gitIdentity, ...args], directory);
  await git('init', '--quiet', '--initial-branch=main');
  const commit = async (name: string, content: string) => {
    writeFileSync(path.join(directory, 'file'), `${content}\n`);
    await git('add', 'file');
    await git('commit', '--quiet', '-m', name);
    return git('rev-parse', 'HEAD');
  };
  const first = await commit('first', 'one');
  await git('tag', '-a', 'v1', '-m', 'release one');
  await git('checkout', '--quiet', '-b', 'feature');
  const feature = await commit('feature', 'feature');
  await git('checkout', '--quiet', 'main');
  const second = await commit('second', 'two');
  return { url: pathToFileURL(directory).href, directory, revisions: { first, feature, second }, commit };
}

export async function makeSvnRepository(t: ExecutionContext): Promise<SourceRepository> {
  const root = makeTempDir(t, 'pony-test-svn-');
  const repository = path.join(root, 'repository');
  await run(['svnadmin', 'create', repository], root);
  const url = `${pathToFileURL(repository).href}/hello`;
  const imported = path.join(root, 'import');
  mkdirSync(imported);
  writeFileSync(path.join(imported, 'file'), 'one\n');
  await run(['svn', 'import', '--quiet', '--non-interactive', '-m', 'first', imported, url], root);
  const workingCopy = path.join(root, 'working-copy');
  await run(['svn', 'checkout', '--quiet', '--non-interactive', url, workingCopy], root);
  const commit = async (name: string, content: string) => {
    writeFileSync(path.join(workingCopy, 'file'), `${content}\n`);
    await run(['svn', 'commit', '--quiet', '--non-interactive', '-m', name], workingCopy);
    await run(['svn', 'update', '--quiet', '--non-interactive'], workingCopy);
    return run(['svn', 'info', '--show-item', 'revision'], workingCopy);
  };
  const second = await commit('second', 'two');
  return { url, directory: repository, revisions: { first: '1', second }, commit };
}

export async function makeHgRepository(t: ExecutionContext): Promise<SourceRepository> {
  const directory = path.join(makeTempDir(t, 'pony-test-hg-'), 'hello');
  const hg = (...args: string[]) => run(['hg', ...hgIdentity, ...args], directory);
  mkdirSync(directory);
  await hg('init');
  const commit = async (name: string, content: string) => {
    writeFileSync(path.join(directory, 'file'), `${content}\n`);
    await hg('commit', '--addremove', '--quiet', '-m', name);
    return hg('log', '-r', '.', '--template', '{node}');
  };
  const first = await commit('first', 'one');
  await hg('tag', '-r', first, 'v1');
  const second = await commit('second', 'two');
  return { url: pathToFileURL(directory).href, directory, revisions: { first, second }, commit };
}

/** A cache root of its own, so tests never share or touch `~/.pony-build`. */
export function makeCacheEnv(t: ExecutionContext): { PONY_BUILD_CACHE: string } {
  return { PONY_BUILD_CACHE: makeTempDir(t, 'pony-test-cache-') };
}
