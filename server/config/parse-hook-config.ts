// The configuration's "hooks": the secrets push hooks are checked against, and which packages a
// repository's pushes also build (README "Push hooks"). Secrets are never quoted in a message.
import { describeValue } from '../../wire/describe-value.ts';
import { normaliseRepository } from '../notify/normalise-repository.ts';
import { isObject, reportUnknownKeys } from './parse-server-config.ts';
import type { HookConfig } from './hook-config-types.ts';

const HOOK_KEYS = ['github_secret', 'gitlab_token', 'gitea_secret', 'repositories'];
const SECRET_KEYS = ['github_secret', 'gitlab_token', 'gitea_secret'] as const;

/** The hook configuration, or undefined when absent or not an object (its problems collected). */
export function readHookConfig(value: unknown, problems: string[]): HookConfig | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`hooks: expected an object with ${HOOK_KEYS.map((key) => `"${key}"`).join(', ')}, got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, HOOK_KEYS, 'hooks', problems);
  const [githubSecret, gitlabToken, giteaSecret] = SECRET_KEYS.map((key) => readSecret(value[key], `hooks.${key}`, problems));
  return { githubSecret: githubSecret!, gitlabToken: gitlabToken!, giteaSecret: giteaSecret!, repositoryPackages: readRepositoryPackages(value.repositories, problems) };
}

function readSecret(value: unknown, path: string, problems: string[]): string | null {
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string' || value.length < 8) {
    const given = typeof value === 'string' ? `${value.length} characters` : `a value of type ${value === null ? 'null' : typeof value}`;
    problems.push(`${path}: expected a secret string of at least 8 characters, got ${given}`);
    return null;
  }
  return value;
}

function readRepositoryPackages(value: unknown, problems: string[]): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  if (value === undefined) {
    return packages;
  }
  if (!isObject(value)) {
    problems.push(`hooks.repositories: expected an object from repository URL to a list of packages, got ${describeValue(value)}`);
    return packages;
  }
  for (const [repository, names] of Object.entries(value)) {
    const path = `hooks.repositories[${JSON.stringify(repository)}]`;
    const normalised = normaliseRepository(repository);
    if (normalised === undefined) {
      problems.push(`${path}: expected a repository URL such as "https://github.com/owner/repo" as the key`);
    }
    if (!Array.isArray(names) || names.length === 0 || names.some((name) => typeof name !== 'string' || name.trim() === '')) {
      problems.push(`${path}: expected a non-empty array of package names, got ${describeValue(names)}`);
      continue;
    }
    if (normalised !== undefined) {
      packages.set(normalised, [...new Set([...(packages.get(normalised) ?? []), ...(names as string[])])]);
    }
  }
  return packages;
}
