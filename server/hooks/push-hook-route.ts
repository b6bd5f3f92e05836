// POST /hooks/push: a forge's push hook (GitHub, GitLab, Gitea, Forgejo) requests builds of the
// tagsets the pushed repository feeds (docs/PROTOCOL.md, "Push hooks"). The hook carries its
// own signature, so client tokens do not apply; the request rate limit does, as everywhere.
import type { Middleware } from 'koa';
import type { HookConfig } from '../config/hook-config-types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { normaliseRepository } from '../notify/normalise-repository.ts';
import { identifyForge, isPushEvent } from './identify-forge.ts';
import { readPushPayload } from './read-push-payload.ts';
import { verifyHookSignature } from './verify-hook-signature.ts';

export interface PushHookRouteOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
  hooks: HookConfig;
}

export function createPushHookRoute({ coordinator, maxBodyBytes, hooks }: PushHookRouteOptions): Middleware {
  return async (ctx) => {
    if (ctx.method !== 'POST') {
      throw new HttpError(405, 'push hooks must be POSTed to /hooks/push', { headers: { Allow: 'POST' } });
    }
    const hook = identifyForge(ctx.req.headers);
    // The signature covers the bytes as sent, so the body is read raw and parsed only once trusted.
    const body = await readRequestBody(ctx, maxBodyBytes);
    verifyHookSignature(hook.forge, ctx.req.headers, body, hooks);
    if (!isPushEvent(hook)) {
      // A ping (sent when the hook is made), or an event the hook was set to send besides pushes.
      ctx.body = { forge: hook.forge, event: hook.event, requested: [] };
      return;
    }
    const payload = readPushPayload(body, ctx.get('Content-Type'));
    const repositories = [...new Set(payload.repositoryUrls.flatMap((url) => normaliseRepository(url) ?? []))];
    const packages = repositories.flatMap((repository) => hooks.repositoryPackages.get(repository) ?? []);
    const requested = await coordinator.requestPushBuilds({ repositories, packages });
    ctx.body = { forge: hook.forge, event: hook.event, repository: repositories[0] ?? null, ref: payload.ref, requested };
  };
}
