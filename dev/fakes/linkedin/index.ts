/**
 * The fake LinkedIn Marketing API, mounted at /linkedin: api.linkedin.com's /rest resources and
 * www.linkedin.com's /oauth/v2 endpoints on one prefix. See README.md for what is served and why.
 */
import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { createAnalyticsRoutes, DEFAULT_ELEMENT_CAP } from './analytics-routes';
import type { LinkedInEnv } from './app-env';
import { createEntityRoutes } from './entity-routes';
import { apiErrors, LinkedInApiError, LinkedInOAuthError } from './errors';
import { createGuard } from './guard';
import { createOAuthRoutes } from './oauth';
import { createObserver } from './observe';
import { RestliSyntaxError } from './restli';
import { createTokenStore } from './tokens';

export interface LinkedInFakeOptions {
  /** Maximum adAnalytics elements per response before the request is refused. */
  elementCap?: number;
}

export function createLinkedInFake(ctx: FakeContext, options: LinkedInFakeOptions = {}): Hono {
  const tokens = createTokenStore(() => ctx.world.clock.now().getTime());
  ctx.tokens = { ...ctx.tokens, linkedin: { apply: tokens.control } };
  const app = new Hono<LinkedInEnv>();

  app.use('*', createObserver(ctx, tokens));
  app.route('/', createOAuthRoutes(ctx, tokens));
  app.use('/rest/*', createGuard(ctx, tokens));
  app.route('/', createEntityRoutes(ctx));
  app.route('/', createAnalyticsRoutes(ctx, options.elementCap ?? DEFAULT_ELEMENT_CAP));
  // A catch-all route rather than notFound(): it still applies when the server mounts this app.
  app.all('*', () => {
    throw apiErrors.noResource();
  });

  app.onError((error, c) => {
    if (error instanceof LinkedInApiError) return c.json(error.body, error.status as 400);
    if (error instanceof LinkedInOAuthError) return c.json(error.body, error.status);
    if (error instanceof RestliSyntaxError) return c.json(apiErrors.invalidParam(error.param ?? 'query', error.message).body, 400);
    console.error('[linkedin fake] unexpected error', error);
    return c.json(apiErrors.serverError().body, 500);
  });
  return app as unknown as Hono;
}
