// The push hooks' part of the server configuration (README "Push hooks"), as the server uses it.

/** What `POST /hooks/push` checks and maps; a forge whose secret is null has its hooks refused. */
export interface HookConfig {
  /** GitHub's webhook secret: X-Hub-Signature-256 is the HMAC-SHA256 of the body under it. */
  githubSecret: string | null;
  /** GitLab's secret token, sent as it is in X-Gitlab-Token. */
  gitlabToken: string | null;
  /** Gitea's or Forgejo's webhook secret: X-Gitea-Signature (X-Forgejo-Signature) is the HMAC-SHA256 of the body. */
  giteaSecret: string | null;
  /** Packages whose every tagset a push to the repository requests, by normalised repository. */
  repositoryPackages: Map<string, string[]>;
}

export const EMPTY_HOOK_CONFIG: HookConfig = { githubSecret: null, gitlabToken: null, giteaSecret: null, repositoryPackages: new Map() };
