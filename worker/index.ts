import { routePartykitRequest } from 'partyserver';
import { api } from './api/app';
import { assertConfigured, refuseIfMisconfigured } from './config-guard';
import { readConfig } from './env';
import { runCron } from './jobs/cron';
import type { JobMessage } from './jobs/messages';
import { consumeBatch } from './jobs/queue';
import { clockOf } from './lib/clock';
import { authorizeHubConnection } from './realtime/authorize';
import { withRedactedErrors } from './redacted-errors';
import { withSecurityHeaders } from './security-headers';
import { sveltekit } from './sveltekit-app';

export { PlatformQuota } from './realtime/platform-quota';
export { TenantHub } from './realtime/tenant-hub';

/** Routes a request: an invalid configuration refuses everything; /api to Hono, /parties to the tenant hubs, the rest to SvelteKit. */
async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const refused = refuseIfMisconfigured(request, env);
  if (refused) return refused;
  const { pathname } = new URL(request.url);
  if (pathname === '/api' || pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
  if (pathname.startsWith('/parties/')) {
    const routed = await routePartykitRequest(request, env, {
      onBeforeConnect: (req, lobby) => authorizeHubConnection(req, lobby, env, ctx),
      onBeforeRequest: () => new Response('Not found', { status: 404 }),
    });
    return routed ?? new Response('Not found', { status: 404 });
  }
  return sveltekit.fetch(request, env, ctx);
}

/**
 * Wiring only: every response gets the security headers (security-headers.ts); cron and queue.
 * A failed query escaping a handler is rethrown without its parameters (the runtime logs it).
 */
export default withRedactedErrors({
  async fetch(request, env, ctx) {
    return withSecurityHeaders(request, await route(request, env, ctx));
  },
  async scheduled(controller, env, ctx) {
    assertConfigured(env, 'scheduled');
    // Under a time scale the slot is the clock's instant: the benchmark fires each simulated slot
    // through /__scheduled, whose scheduledTime is real time.
    const clock = clockOf(readConfig(env));
    await runCron(controller.cron, clock.scale ? clock.now() : new Date(controller.scheduledTime), env, ctx);
  },
  async queue(batch, env, ctx) {
    assertConfigured(env, 'queue');
    await consumeBatch(batch, env, ctx);
  },
} satisfies ExportedHandler<Env, JobMessage>);
