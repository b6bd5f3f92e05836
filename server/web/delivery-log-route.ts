// GET /admin/deliveries: the delivery log, for admins only, since it names where the server sends
// notifications. A signed-in admin is whoever the site's viewer middleware (server/admin/) says;
// without it, nobody is, and the page is refused.
import { Router } from '@koa/router';
import type { Context } from 'koa';
import { HttpError } from '../http/http-error.ts';
import { loadTemplate } from './load-template.ts';
import type { DeliveryRecord, DeliveryStore } from '../notify/delivery-types.ts';

const DELIVERIES_SHOWN = 200;

/** The route over the store's delivery queue. */
export function createDeliveryLogRoutes({ deliveries, basePath }: { deliveries: Pick<DeliveryStore, 'listDeliveries'>; basePath: string }): Router {
  const render = loadTemplate('admin-deliveries');
  const router = new Router();
  router.get('/admin/deliveries', async (ctx) => {
    const viewer = requireSignedInAdmin(ctx);
    const records = await deliveries.listDeliveries({ limit: DELIVERIES_SHOWN });
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = render({ title: 'Deliveries', basePath, viewer, deliveries: records.map(toDeliveryView) });
  });
  return router;
}

// The viewer goes to the layout, whose header names who is signed in.
function requireSignedInAdmin(ctx: Context): { adminName: string } {
  const viewer = (ctx.state as { viewer?: { adminName?: string | null } }).viewer;
  if (!viewer?.adminName) {
    throw new HttpError(403, 'The delivery log is for admins: sign in as an admin to see it.');
  }
  return viewer as { adminName: string };
}

/** A delivery as the log shows it; the payload (bodies, addresses) stays out. */
export function toDeliveryView(delivery: DeliveryRecord) {
  return {
    id: delivery.id,
    kind: delivery.kind,
    target: delivery.target,
    event: delivery.event,
    attempts: delivery.attempts,
    state: delivery.state,
    lastStatus: delivery.lastStatus ?? '',
    responseTime: delivery.lastResponseMs === null ? '' : `${Math.round(delivery.lastResponseMs)} ms`,
    lastError: delivery.lastError ?? '',
    nextAttempt: delivery.state === 'pending' ? new Date(delivery.nextAttemptAt * 1000).toISOString() : null,
  };
}
