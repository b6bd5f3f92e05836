import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { listConfigProblems as problemsOf } from './config-problems.ts';

test('hooks: the three forges\' secrets and a repository map keyed by the normalised repository', (t) => {
  const { hooks } = parseServerConfig({
    hooks: {
      github_secret: 'a-long-github-secret',
      gitlab_token: 'a-long-gitlab-token',
      repositories: {
        'https://github.com/Octo-Org/Widget.git': ['widget-docs'],
        'git@github.com:octo-org/widget.git': ['widget-site', 'widget-docs'],
      },
    },
  });
  t.deepEqual(hooks, {
    githubSecret: 'a-long-github-secret',
    gitlabToken: 'a-long-gitlab-token',
    giteaSecret: null,
    repositoryPackages: new Map([['octo-org/widget', ['widget-docs', 'widget-site']]]),
  });
});

test('hooks: mistakes are named with their path, and a secret is never quoted', (t) => {
  t.deepEqual(problemsOf({
    hooks: {
      github_secret: 'short',
      gitea_secret: 12345678,
      repositories: { 'not a repository': ['x'], 'https://github.com/o/r': [], 'https://github.com/o/s': 'pkg' },
      secret: 'x',
    },
  }), [
    'hooks.secret: unknown key; known keys here: github_secret, gitlab_token, gitea_secret, repositories',
    'hooks.github_secret: expected a secret string of at least 8 characters, got 5 characters',
    'hooks.gitea_secret: expected a secret string of at least 8 characters, got a value of type number',
    'hooks.repositories["not a repository"]: expected a repository URL such as "https://github.com/owner/repo" as the key',
    'hooks.repositories["https://github.com/o/r"]: expected a non-empty array of package names, got `[]` (array)',
    'hooks.repositories["https://github.com/o/s"]: expected a non-empty array of package names, got `pkg` (string)',
  ]);
});
