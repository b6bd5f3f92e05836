// What a push hook's body says: which repository was pushed to, under every name the forge
// gives it (clone, SSH and web URLs), and which ref. GitHub may send the JSON form-encoded, as
// `payload=...`; GitLab, Gitea and Forgejo send it as it is.
import { HookPayloadError } from './hook-errors.ts';

export interface PushPayload {
  /** Every URL the payload names the repository by, as sent. */
  repositoryUrls: string[];
  /** `refs/heads/main`, when the payload says. */
  ref: string | null;
}

// GitHub and Gitea describe the repository under `repository`; GitLab under `project` (and,
// deprecated, `repository`).
const URL_KEYS = ['clone_url', 'html_url', 'ssh_url', 'git_url', 'svn_url', 'url', 'git_http_url', 'git_ssh_url', 'web_url', 'http_url', 'homepage'];

export function readPushPayload(body: Buffer, contentType: string): PushPayload {
  const document = parseDocument(readJsonText(body, contentType));
  const repositoryUrls: string[] = [];
  for (const holder of [document.repository, document.project]) {
    if (typeof holder !== 'object' || holder === null) {
      continue;
    }
    for (const key of URL_KEYS) {
      const url = (holder as Record<string, unknown>)[key];
      if (typeof url === 'string' && url !== '' && !repositoryUrls.includes(url)) {
        repositoryUrls.push(url);
      }
    }
  }
  return { repositoryUrls, ref: typeof document.ref === 'string' ? document.ref : null };
}

function readJsonText(body: Buffer, contentType: string): string {
  const text = body.toString('utf8');
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return text;
  }
  const payload = new URLSearchParams(text).get('payload');
  if (payload === null) {
    throw new HookPayloadError('the form-encoded hook has no "payload" field; send the push event as JSON');
  }
  return payload;
}

function parseDocument(text: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new HookPayloadError(`the hook's body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new HookPayloadError('the hook\'s body must be a JSON object, the forge\'s push event');
  }
  return document as Record<string, unknown>;
}
