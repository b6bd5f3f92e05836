// Which forge sent a hook, from its event header. Gitea and Forgejo also send GitHub's and
// Gogs' headers for compatibility, so their own are looked at first.
import type { IncomingHttpHeaders } from 'node:http';
import { HookPayloadError } from './hook-errors.ts';

export type Forge = 'github' | 'gitlab' | 'gitea';

export const FORGE_NAMES: Record<Forge, string> = { github: 'GitHub', gitlab: 'GitLab', gitea: 'Gitea/Forgejo' };

export interface HookEvent {
  forge: Forge;
  /** The event header's value: `push`, `ping`, `Push Hook`, ... */
  event: string;
}

export function identifyForge(headers: IncomingHttpHeaders): HookEvent {
  const giteaEvent = readHeader(headers, 'x-forgejo-event') ?? readHeader(headers, 'x-gitea-event');
  if (giteaEvent !== undefined) {
    return { forge: 'gitea', event: giteaEvent };
  }
  const gitlabEvent = readHeader(headers, 'x-gitlab-event');
  if (gitlabEvent !== undefined) {
    return { forge: 'gitlab', event: gitlabEvent };
  }
  const githubEvent = readHeader(headers, 'x-github-event');
  if (githubEvent !== undefined) {
    return { forge: 'github', event: githubEvent };
  }
  throw new HookPayloadError('not a push hook: expected an X-GitHub-Event, X-Gitlab-Event, X-Gitea-Event or X-Forgejo-Event header');
}

/** One header's value; a repeated header counts as its first. */
export function readHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** True for the events that carry pushed commits: GitHub's and Gitea's `push`, GitLab's `Push Hook` and `Tag Push Hook`. */
export function isPushEvent({ forge, event }: HookEvent): boolean {
  return forge === 'gitlab' ? event === 'Push Hook' || event === 'Tag Push Hook' : event === 'push';
}
