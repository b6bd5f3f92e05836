// Wires the routes into one Koa app. Each route reads its own body (with the size limit),
// so nothing here parses bodies.
import { Router } from '@koa/router';
import Koa from 'koa';
import { createAdminRoutes } from './admin/admin-routes.ts';
import { requirePrivateAccess } from './admin/require-private-access.ts';
import { identifyViewer, keepRequestContext } from './admin/viewer.ts';
import { answerErrors } from './answer-errors.ts';
import { createFeedRoutes } from './feeds/feed-routes.ts';
import { redirectLegacyUrls } from './feeds/legacy-redirects.ts';
import { createJsonRoutes } from './api/json-routes.ts';
import { DEFAULT_ARTIFACT_BYTES, resolveArtifactBytes } from './config/artifact-limits.ts';
import { DEFAULT_LIMITS } from './config/types.ts';
import type { Coordinator } from './coordinator/types.ts';
import { resolveBasePath, serveUnderBasePath } from './http/base-path.ts';
import { createHealthRoute } from './http/health-route.ts';
import { HttpError } from './http/http-error.ts';
import { limitRequests } from './http/limit-requests.ts';
import { EMPTY_HOOK_CONFIG } from './config/hook-config-types.ts';
import { createPushHookRoute } from './hooks/push-hook-route.ts';
import { logRequests } from './http/log-requests.ts';
import { ignoreLog, resolveMaxBodyBytes, type AppOptions } from './options.ts';
import { createXmlRpcRoute } from './rpc/xmlrpc-route.ts';
import { createUploadRoute } from './upload/upload-route.ts';
import { createPageRoutes } from './web/page-routes.ts';
import { compileViews } from './web/render-views.ts';
import { setSecurityHeaders } from './web/security-headers.ts';
import { toErrorPage } from './web/error-view-model.ts';
import { createDeliveryLogRoutes } from './web/delivery-log-route.ts';

export function createApp(coordinator: Coordinator, options: AppOptions = {}): Koa {
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const log = options.log ?? ignoreLog;
  const basePath = resolveBasePath(options.basePath);
  const views = compileViews(basePath);
  const app = new Koa();
  // Errors are answered and logged by answerErrors; Koa's own logger would print them again.
  app.silent = true;
  // Koa then reads ctx.ip, ctx.protocol and ctx.host from the X-Forwarded-* headers.
  app.proxy = options.trustProxy ?? false;

  const protocolRoutes = new Router();
  protocolRoutes.all('/xmlrpc', createXmlRpcRoute({ coordinator, maxBodyBytes, privateReads: options.private === true }));
  protocolRoutes.all('/upload', createUploadRoute({
    coordinator, maxBodyBytes, artifactBytes: resolveArtifactBytes(options.artifactBytes ?? DEFAULT_ARTIFACT_BYTES, maxBodyBytes),
  }));
  protocolRoutes.get('/healthz', createHealthRoute(coordinator));
  protocolRoutes.all('/hooks/push', createPushHookRoute({ coordinator, maxBodyBytes, hooks: options.hooks ?? EMPTY_HOOK_CONFIG }));
  const jsonRoutes = createJsonRoutes({ coordinator, maxBodyBytes });
  const adminRoutes = createAdminRoutes({ coordinator, views });
  const feedRoutes = createFeedRoutes({
    coordinator, views, publicUrl: options.publicUrl ?? undefined, websubHub: options.websubHub ?? undefined,
  });
  const pageRoutes = createPageRoutes({
    coordinator, views, commitLinks: options.commitLinks, liveHeartbeatSeconds: options.liveHeartbeatSeconds, log,
  });

  app.use(logRequests(log));
  app.use(setSecurityHeaders());
  app.use(keepRequestContext());
  app.use(answerErrors({ log, renderErrorPage: (status, message) => views.renderError(toErrorPage(status, message)) }));
  app.use(serveUnderBasePath(basePath));
  app.use(limitRequests({
    requestsPerMinute: options.requestsPerMinute ?? DEFAULT_LIMITS.requestsPerMinute, now: options.now ?? (() => Date.now() / 1000),
    sharedCounts: coordinator.sharedRequestCounts,
  }));
  app.use(identifyViewer({ coordinator, adminRequired: (options.authMode ?? 'open') !== 'open' || options.private === true }));
  if (options.private) {
    app.use(requirePrivateAccess(coordinator));
  }
  app.use(rejectUnrouted());
  app.use(redirectLegacyUrls(coordinator));
  app.use(protocolRoutes.routes());
  app.use(jsonRoutes.routes());
  app.use(jsonRoutes.allowedMethods());
  app.use(adminRoutes.routes());
  app.use(adminRoutes.allowedMethods());
  app.use(feedRoutes.routes());
  app.use(createDeliveryLogRoutes({ deliveries: coordinator, basePath }).routes());
  app.use(pageRoutes.routes());
  app.use(pageRoutes.allowedMethods());
  return app;
}

// Routers leave unmatched requests without a body; this turns them into real errors, so
// the API answers JSON and browsers get the 404 page. It runs after the routers (and their
// allowedMethods, which set 405) have had their turn.
function rejectUnrouted(): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined && ctx.body !== null) {
      return;
    }
    if (ctx.status === 405) {
      const allowed = ctx.response.get('Allow');
      throw new HttpError(405, `${ctx.method} is not allowed on ${ctx.path}; allowed: ${allowed}`, { headers: { Allow: allowed } });
    }
    throw new HttpError(404, `Nothing is at ${ctx.path}.`);
  };
}
