import { type Context, Hono } from 'hono';
import type { FakeContext } from '../context';
import { handleApiRequest } from './api';
import { createOAuthRoutes } from './oauth';
import { createPageCache } from './paging';
import { createTokenStore } from './tokens';

/**
 * The fake Google Ads API, mounted at /google-ads: googleads.googleapis.com (versioned REST paths),
 * the accounts.google.com consent dialog and the oauth2.googleapis.com token endpoint.
 */
export function createGoogleAdsFake(ctx: FakeContext): Hono {
  const now = () => ctx.world.clock.now().getTime();
  const tokens = createTokenStore(now);
  ctx.tokens = { ...ctx.tokens, google_ads: { apply: tokens.control } };
  const pages = createPageCache(now);
  const app = new Hono();
  app.route('/', createOAuthRoutes(ctx, tokens, dropConnection));
  app.all('*', async (c) => {
    const request = {
      method: c.req.method,
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      body: c.req.method === 'GET' ? '' : await c.req.text(),
    };
    const outcome = handleApiRequest(ctx, tokens, pages, request);
    if (outcome.fault?.kind === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, outcome.fault!.delayMs ?? 30_000));
      return dropConnection(c);
    }
    const json = JSON.stringify(outcome.body, null, 2);
    const body = outcome.fault?.kind === 'truncated_body' && outcome.status === 200 ? json.slice(0, Math.floor(json.length / 2)) : json;
    return new Response(body, {
      status: outcome.status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', 'request-id': outcome.requestId },
    });
  });
  return app;
}

/** Closes the socket without a response (node-server bindings when present; otherwise a body stream that errors). */
function dropConnection(c: Context): Response {
  const bindings = c.env as { incoming?: { socket?: { destroy(): void } }; outgoing?: { destroy(): void } } | undefined;
  bindings?.incoming?.socket?.destroy();
  bindings?.outgoing?.destroy();
  const broken = new ReadableStream({
    start(controller) {
      controller.error(new Error('google-ads fake: timeout fault dropped the connection'));
    },
  });
  return new Response(broken, { status: 200, headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
}
