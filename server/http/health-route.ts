// `GET /healthz`, for load balancers, systemd watchdogs and uptime checks (docs/PROTOCOL.md,
// "Health"). It answers here rather than through answerErrors: a failed check is an answer
// (503 with what went wrong), not an error of the request.
import type { Middleware } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';

export function createHealthRoute(coordinator: Pick<Coordinator, 'checkHealth'>): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      await coordinator.checkHealth();
      ctx.body = { ok: true, db: 'ok' };
    } catch (error) {
      ctx.status = 503;
      ctx.body = { ok: false, db: error instanceof Error ? error.message : String(error) };
    }
  };
}
